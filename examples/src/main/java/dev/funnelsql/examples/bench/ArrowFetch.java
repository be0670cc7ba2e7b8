package dev.funnelsql.examples.bench;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.duckdb.DuckDBResultSet;

/**
 * The (c'') fetch: a DuckDB query's rows read as the Arrow batches DuckDB's driver exports, each integer column of a
 * batch copied into a Java array as FunnelSQL's step scan copies them, summed into a checksum.
 */
final class ArrowFetch {
  /** Rows per Arrow batch, as FunnelSQL's step scan asks for. */
  private static final int BATCH = 4096;

  private ArrowFetch() {
  }

  /** Runs {@code sql} on DuckDB's {@code connection} and reads its integer columns through Arrow. */
  static FetchResult run(Connection connection, String sql) throws SQLException {
    return StreamingQuery.run(connection, sql, 0, result -> {
      final long[] column = new long[BATCH];
      long rows = 0;
      long checksum = 0;
      try (BufferAllocator allocator = new RootAllocator();
          ArrowReader reader = (ArrowReader) result.unwrap(DuckDBResultSet.class).arrowExportStream(allocator, BATCH)) {
        while (reader.loadNextBatch()) {
          final VectorSchemaRoot batch = reader.getVectorSchemaRoot();
          final int count = batch.getRowCount();
          rows += count;
          for (FieldVector vector : batch.getFieldVectors()) {
            copy(vector, count, column);
            for (int i = 0; i < count; i++) {
              checksum += column[i];
            }
          }
        }
      } catch (IOException e) {
        throw new SQLException("reading DuckDB's Arrow export failed: " + e.getMessage(), e);
      }
      return new FetchResult(rows, checksum);
    });
  }

  private static void copy(FieldVector vector, int count, long[] out) {
    final ArrowBuf data = vector.getDataBuffer();
    if (vector instanceof BigIntVector) {
      for (int i = 0; i < count; i++) {
        out[i] = data.getLong((long) i * BigIntVector.TYPE_WIDTH);
      }
    } else if (vector instanceof IntVector) {
      for (int i = 0; i < count; i++) {
        out[i] = data.getInt((long) i * IntVector.TYPE_WIDTH);
      }
    } else {
      throw new IllegalStateException("DuckDB sent a column of Arrow type " + vector.getMinorType()
          + " where the fetch expected integers");
    }
  }
}
