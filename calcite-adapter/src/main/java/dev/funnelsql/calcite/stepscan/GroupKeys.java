package dev.funnelsql.calcite.stepscan;

import dev.funnelsql.functions.grouping.LongKeyIds;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The GROUP BY key of step rows, read from the first columns of the store's result set. When FunnelSQL orders the
 * rows it gives each key a dense id ({@link #idOf}); when the store orders them it only tells where a new group
 * starts ({@link #next}), keeping the current key and nothing else.
 */
abstract class GroupKeys {
  /** The keys of a result set whose first columns have these kinds (none: one group, no GROUP BY). */
  static GroupKeys of(List<ColumnKind> kinds) {
    if (kinds.isEmpty()) {
      return new NoKey();
    }
    if (kinds.size() == 1 && kinds.get(0).integral()) {
      return new IntegerKey(kinds.get(0));
    }
    return new ValueKey(kinds);
  }

  /** Reads the current row's key into row {@code i} of a batch. */
  abstract void read(ResultSet rows, RowBatch batch, int i) throws SQLException;

  /** The dense id of the key of row {@code i} of a batch, a new one if it was not seen before. */
  abstract int idOf(RowBatch batch, int i);

  /** The number of ids given; for no GROUP BY always 1, as an aggregate without groups returns one row. */
  abstract int size();

  /** About how many bytes the ids hold. */
  abstract long bytes();

  /** Writes the key values of group {@code id} to {@code row[0..]}. */
  abstract void write(int id, @Nullable Object[] row);

  /** Reads the current row's key; returns whether it starts a group (the first row, or a key unlike the last). */
  abstract boolean next(ResultSet rows) throws SQLException;

  /** Writes the key of the group that {@link #next} last started to {@code row[0..]}. */
  abstract void writeCurrent(@Nullable Object[] row);

  /** No GROUP BY: every row is in the one group. */
  private static final class NoKey extends GroupKeys {
    private boolean started;

    @Override void read(ResultSet rows, RowBatch batch, int i) {
      // No key columns.
    }

    @Override int idOf(RowBatch batch, int i) {
      return 0;
    }

    @Override int size() {
      return 1;
    }

    @Override long bytes() {
      return 0;
    }

    @Override void write(int id, @Nullable Object[] row) {
      // No key columns.
    }

    @Override boolean next(ResultSet rows) {
      final boolean first = !started;
      started = true;
      return first;
    }

    @Override void writeCurrent(@Nullable Object[] row) {
      // No key columns.
    }
  }

  /** One integer key column (a user id): primitive ids, no boxing per row. */
  private static final class IntegerKey extends GroupKeys {
    private final ColumnKind kind;
    private final LongKeyIds ids = new LongKeyIds();
    private boolean started;
    private boolean currentNull;
    private long current;

    IntegerKey(ColumnKind kind) {
      this.kind = kind;
    }

    @Override void read(ResultSet rows, RowBatch batch, int i) throws SQLException {
      batch.keys[i] = rows.getLong(1);
      batch.keyNull[i] = rows.wasNull();
    }

    @Override int idOf(RowBatch batch, int i) {
      return batch.keyNull[i] ? ids.idOfNull() : ids.idOf(batch.keys[i]);
    }

    @Override int size() {
      return ids.size();
    }

    @Override long bytes() {
      return ids.bytes();
    }

    @Override void write(int id, @Nullable Object[] row) {
      row[0] = ids.isNull(id) ? null : kind.ofLong(ids.key(id));
    }

    @Override boolean next(ResultSet rows) throws SQLException {
      final long key = rows.getLong(1);
      final boolean isNull = rows.wasNull();
      final boolean starts = !started || isNull != currentNull || (!isNull && key != current);
      started = true;
      currentNull = isNull;
      current = key;
      return starts;
    }

    @Override void writeCurrent(@Nullable Object[] row) {
      row[0] = currentNull ? null : kind.ofLong(current);
    }
  }

  /** Any other key: values in Calcite's representation; several columns are compared as a list. */
  private static final class ValueKey extends GroupKeys {
    private static final long BYTES_PER_KEY = 96;

    private final List<ColumnKind> kinds;
    private final Map<Object, Integer> ids = new HashMap<>();
    private final List<@Nullable Object> keys = new ArrayList<>();
    private @Nullable Object[] current;
    private final @Nullable Object[] values;

    ValueKey(List<ColumnKind> kinds) {
      this.kinds = kinds;
      this.values = new Object[kinds.size()];
    }

    private @Nullable Object read(ResultSet rows) throws SQLException {
      for (int i = 0; i < values.length; i++) {
        values[i] = kinds.get(i).read(rows, i + 1);
      }
      return values.length == 1 ? values[0] : Arrays.asList(values.clone());
    }

    @Override void read(ResultSet rows, RowBatch batch, int i) throws SQLException {
      batch.values()[i] = read(rows);
    }

    @Override int idOf(RowBatch batch, int i) {
      final @Nullable Object key = batch.values()[i];
      final Integer id = ids.get(key);
      if (id != null) {
        return id;
      }
      ids.put(key, keys.size());
      keys.add(key);
      return keys.size() - 1;
    }

    @Override int size() {
      return keys.size();
    }

    @Override long bytes() {
      return keys.size() * BYTES_PER_KEY;
    }

    @Override void write(int id, @Nullable Object[] row) {
      copy(keys.get(id), row);
    }

    private void copy(@Nullable Object key, @Nullable Object[] row) {
      if (values.length == 1) {
        row[0] = key;
      } else {
        final List<?> list = (List<?>) Objects.requireNonNull(key);
        for (int i = 0; i < values.length; i++) {
          row[i] = list.get(i);
        }
      }
    }

    @Override boolean next(ResultSet rows) throws SQLException {
      for (int i = 0; i < values.length; i++) {
        values[i] = kinds.get(i).read(rows, i + 1);
      }
      if (current != null && Arrays.equals(current, values)) {
        return false;
      }
      current = values.clone();
      return true;
    }

    @Override void writeCurrent(@Nullable Object[] row) {
      System.arraycopy(Objects.requireNonNull(current), 0, row, 0, values.length);
    }
  }
}
