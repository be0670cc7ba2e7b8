package dev.funnelsql.calcite.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * A store driver's export of a query's rows as Arrow record batches, which a step scan reads column by column instead
 * of calling a getter per row and column; a dialect offers one ({@link StoreDialect#columnarExport()}) where its
 * driver has it and it measured faster.
 */
public interface ColumnarExport {
  /**
   * The rows of a result set that has not been read yet, as Arrow batches of at most {@code batchRows} rows, or null
   * if this driver cannot export them (then the result set is untouched and is read through its getters).
   *
   * @param rows the store driver's own result set
   * @param allocator where the batches' buffers are allocated
   * @param batchRows the most rows a batch holds
   */
  @Nullable ArrowReader export(ResultSet rows, BufferAllocator allocator, int batchRows) throws SQLException;
}
