package dev.funnelsql.calcite.store;

/** How a step scan has a store send a TIMESTAMP time and reads it, whichever its driver does fastest. */
public enum TimestampReading {
  /** The store computes epoch milliseconds ({@link StoreDialect#epochMillis}) and the scan reads a BIGINT. */
  EPOCH_MILLIS,
  /**
   * Read as a {@link java.time.LocalDateTime}, which skips the time-zone arithmetic of {@link java.sql.Timestamp};
   * a driver that refuses is read as {@link #TIMESTAMP} instead.
   */
  LOCAL_DATE_TIME,
  /** Read as a {@link java.sql.Timestamp}. */
  TIMESTAMP
}
