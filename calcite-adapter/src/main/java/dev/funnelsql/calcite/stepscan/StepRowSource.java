package dev.funnelsql.calcite.stepscan;

import java.sql.SQLException;

/** Where a {@link StepRowReader} takes its batches of step rows from: the driver's getters, or Arrow batches. */
interface StepRowSource extends AutoCloseable {
  /** Fills a batch with the next rows (setting its size); returns false once there are no rows after these. */
  boolean fill(RowBatch batch) throws SQLException;

  /** Releases what the source holds beyond the store query (which its owner closes). */
  @Override void close();
}
