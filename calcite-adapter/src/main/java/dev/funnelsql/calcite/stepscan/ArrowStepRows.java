package dev.funnelsql.calcite.stepscan;

import dev.funnelsql.calcite.function.TimeKind;
import dev.funnelsql.calcite.store.ColumnarExport;
import dev.funnelsql.calcite.store.TimestampReading;
import java.io.IOException;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BaseIntVector;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Step rows read from Arrow batches that the store's driver exports ({@link ColumnarExport}): each column of a batch
 * copied into the row batch's arrays in one loop, instead of a driver getter per row and column. Used where every
 * column is an integer (an integer user key or none, the time as a number, the mask, a value's number), which is
 * what a step scan sends on the stores that export Arrow, and where Arrow's memory works in this JVM (it needs
 * {@code --add-opens=java.base/java.nio=ALL-UNNAMED}; without it the getters are used).
 */
final class ArrowStepRows implements StepRowSource {
  private static final Logger LOG = Logger.getLogger(ArrowStepRows.class.getName());
  /** The most bytes of Arrow buffers one query holds at once (a batch of a few integer columns takes kilobytes). */
  private static final long ALLOCATOR_LIMIT = 1L << 30;
  private static final boolean ARROW_WORKS = arrowWorks();

  private final SourceQuery query;
  private final BufferAllocator allocator;
  private final ArrowReader reader;
  private final boolean keyed;
  private final int timeIndex;
  private final int maskIndex;
  private final int valueIndex;
  private final boolean keepOthers;
  private final long[] scratch = new long[RowBatch.CAPACITY];
  private final boolean[] nulls = new boolean[RowBatch.CAPACITY];
  private @Nullable VectorSchemaRoot root;
  private int offset;
  private int count;

  private ArrowStepRows(SourceQuery query, BufferAllocator allocator, ArrowReader reader, boolean keyed,
      int timeColumn, int maskColumn, int valueColumn, boolean keepOthers) {
    this.query = query;
    this.allocator = allocator;
    this.reader = reader;
    this.keyed = keyed;
    this.timeIndex = timeColumn - 1;
    this.maskIndex = maskColumn - 1;
    this.valueIndex = valueColumn - 1;
    this.keepOthers = keepOthers;
  }

  /**
   * Whether Arrow's memory works here: {@code java.nio} must be open to Arrow's module, or Arrow fails its first
   * allocation (and prints why); so that is asked of the JVM first, and Arrow is touched only if it is open.
   */
  private static boolean arrowWorks() {
    try {
      final Class<?> memory = Class.forName("org.apache.arrow.memory.util.MemoryUtil", false,
          ArrowStepRows.class.getClassLoader());
      if (!java.nio.Buffer.class.getModule().isOpen("java.nio", memory.getModule())) {
        LOG.fine("java.nio is not open to Arrow (--add-opens=java.base/java.nio=ALL-UNNAMED): step rows are read "
            + "through the driver's getters");
        return false;
      }
      try (BufferAllocator allocator = new RootAllocator(1024)) {
        allocator.buffer(8).close();
      }
      return true;
    } catch (ClassNotFoundException | RuntimeException | LinkageError e) {
      LOG.log(Level.FINE, "Arrow's memory does not work in this JVM; step rows are read through the driver's getters",
          e);
      return false;
    }
  }

  /**
   * Whether a step scan's rows are read as Arrow batches in this JVM: the connection allows it, the store exports
   * Arrow, Arrow's memory works here, and every column is an integer (an integer key or none, a time sent as a number,
   * the mask, a value's number).
   */
  static boolean reads(RowLayout layout, StepScanSettings settings) {
    final List<ColumnKind> keys = layout.keyKinds();
    final @Nullable TimeKind time = layout.timeKind();
    return settings.columnar() && layout.columnar() != null && ARROW_WORKS
        && (keys.isEmpty() || keys.size() == 1 && keys.get(0).integral())
        && (time == null || time == TimeKind.INTEGER
            || time == TimeKind.TIMESTAMP && layout.timestamps() == TimestampReading.EPOCH_MILLIS)
        && (!layout.value() || layout.numbered());
  }

  /**
   * The rows of a query, whose layout {@link #reads}, as Arrow batches, or null if the store's driver turns out to
   * have no export (then they are read through its getters).
   */
  static @Nullable StepRowSource open(SourceQuery query, RowLayout layout, boolean keepOthers) throws SQLException {
    final BufferAllocator allocator = new RootAllocator(ALLOCATOR_LIMIT);
    try {
      final @Nullable ArrowReader reader =
          Objects.requireNonNull(layout.columnar()).export(query.rows(), allocator, RowBatch.CAPACITY);
      if (reader == null) {
        allocator.close();
        return null;
      }
      return new ArrowStepRows(query, allocator, reader, !layout.keyKinds().isEmpty(),
          layout.timeKind() == null ? 0 : layout.timeColumn(), layout.maskColumn(), layout.valueColumn(), keepOthers);
    } catch (SQLException | RuntimeException e) {
      allocator.close();
      throw e;
    }
  }

  @Override public boolean fill(RowBatch batch) throws SQLException {
    int n = 0;
    while (n < RowBatch.CAPACITY) {
      if (offset == count && !load()) {
        batch.size = n;
        return false;
      }
      final int take = Math.min(RowBatch.CAPACITY - n, count - offset);
      copy(batch, n, take);
      n += take;
      offset += take;
    }
    batch.size = n;
    return true;
  }

  private boolean load() throws SQLException {
    query.check();
    final VectorSchemaRoot loaded;
    try {
      if (!reader.loadNextBatch()) {
        return false;
      }
      loaded = reader.getVectorSchemaRoot();
    } catch (IOException e) {
      throw new SQLException(e.getMessage(), e);
    }
    root = loaded;
    offset = 0;
    count = loaded.getRowCount();
    return true;
  }

  private void copy(RowBatch batch, int at, int take) {
    final VectorSchemaRoot vectors = Objects.requireNonNull(root);
    if (keyed) {
      final FieldVector key = vectors.getVector(0);
      longs(key, offset, take, batch.keys, at);
      nulls(key, offset, take, batch.keyNull, at);
    }
    final boolean[] events = batch.events;
    if (timeIndex >= 0) {
      final FieldVector time = vectors.getVector(timeIndex);
      longs(time, offset, take, batch.times, at);
      nulls(time, offset, take, nulls, 0);
      for (int i = 0; i < take; i++) {
        events[at + i] = !nulls[i];
      }
    } else {
      Arrays.fill(events, at, at + take, true);
    }
    final FieldVector mask = vectors.getVector(maskIndex);
    longs(mask, offset, take, scratch, 0);
    nulls(mask, offset, take, nulls, 0);
    final int[] masks = batch.masks;
    for (int i = 0; i < take; i++) {
      final int bits = nulls[i] ? 0 : (int) scratch[i];
      masks[at + i] = bits;
      events[at + i] &= bits != 0 || keepOthers;
    }
    if (valueIndex >= 0) {
      final FieldVector value = vectors.getVector(valueIndex);
      longs(value, offset, take, scratch, 0);
      nulls(value, offset, take, nulls, 0);
      final int[] numbers = batch.numbers();
      for (int i = 0; i < take; i++) {
        numbers[at + i] = nulls[i] ? -1 : SourceQuery.checkedNumber(scratch[i]);
      }
    }
  }

  /** Copies integers from a vector (any value at a NULL, which {@link #nulls} marks). */
  private static void longs(FieldVector vector, int from, int take, long[] out, int at) {
    if (vector instanceof BigIntVector) {
      final ArrowBuf data = vector.getDataBuffer();
      for (int i = 0; i < take; i++) {
        out[at + i] = data.getLong((long) (from + i) * BigIntVector.TYPE_WIDTH);
      }
    } else if (vector instanceof IntVector) {
      final ArrowBuf data = vector.getDataBuffer();
      for (int i = 0; i < take; i++) {
        out[at + i] = data.getInt((long) (from + i) * IntVector.TYPE_WIDTH);
      }
    } else if (vector instanceof BaseIntVector) {
      final BaseIntVector integers = (BaseIntVector) vector;
      for (int i = 0; i < take; i++) {
        out[at + i] = vector.isNull(from + i) ? 0 : integers.getValueAsLong(from + i);
      }
    } else {
      throw new IllegalStateException("the event store sent a column of Arrow type " + vector.getMinorType()
          + " where the step scan expected integers");
    }
  }

  /** Marks the NULLs of a vector. */
  private static void nulls(FieldVector vector, int from, int take, boolean[] out, int at) {
    if (vector.getNullCount() == 0) {
      Arrays.fill(out, at, at + take, false);
      return;
    }
    for (int i = 0; i < take; i++) {
      out[at + i] = vector.isNull(from + i);
    }
  }

  @Override public void close() {
    try {
      reader.close();
    } catch (IOException | RuntimeException e) {
      LOG.log(Level.FINE, "closing an Arrow export failed", e);
    }
    try {
      allocator.close();
    } catch (RuntimeException e) {
      LOG.log(Level.FINE, "closing an Arrow allocator failed", e);
    }
  }
}
