package dev.funnelsql.calcite.resultcache;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import org.apache.calcite.linq4j.AbstractEnumerable;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Enumerator;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * One kept result: immutable copies of its rows, their estimated size, and its time (of {@link System#nanoTime})
 * of computation and of expiry. Each reader gets its own enumerator and its own copy of each mutable row.
 */
final class CachedRows {
  private final List<@Nullable Object> rows;
  private final long bytes;
  private final long computedAt;
  private final long expiresAt;

  CachedRows(List<@Nullable Object> rows, long bytes, long computedAt, long expiresAt) {
    this.rows = Collections.unmodifiableList(new ArrayList<>(rows));
    this.bytes = bytes;
    this.computedAt = computedAt;
    this.expiresAt = expiresAt;
  }

  long bytes() {
    return bytes;
  }

  int size() {
    return rows.size();
  }

  /** Whether a reader that accepts answers up to {@code ttlNanos} old may use this one at {@code now}. */
  boolean freshFor(long now, long ttlNanos) {
    return now - expiresAt < 0 && now - computedAt < ttlNanos;
  }

  /** Whether no reader may use it any more at {@code now}. */
  boolean expired(long now) {
    return now - expiresAt >= 0;
  }

  /** The rows, as an enumerable a statement reads. */
  @SuppressWarnings("unchecked")
  <T> Enumerable<T> enumerable() {
    return new AbstractEnumerable<T>() {
      @Override public Enumerator<T> enumerator() {
        return new RowsEnumerator<>((Iterator<T>) rows.iterator());
      }
    };
  }

  /** Reads the kept rows, handing out a reader's copy of each. */
  private static final class RowsEnumerator<T> implements Enumerator<T> {
    private final Iterator<T> rows;
    private @Nullable T current;

    RowsEnumerator(Iterator<T> rows) {
      this.rows = rows;
    }

    @SuppressWarnings("unchecked")
    @Override public T current() {
      return current;
    }

    @SuppressWarnings("unchecked")
    @Override public boolean moveNext() {
      if (!rows.hasNext()) {
        return false;
      }
      current = (T) RowCopier.forReader(rows.next());
      return true;
    }

    @Override public void reset() {
      throw new UnsupportedOperationException("a cached result is read once per execution");
    }

    @Override public void close() {
    }
  }
}
