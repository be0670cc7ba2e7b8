package dev.funnelsql.calcite.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * A store's bulk copy of a query's rows in its own binary format, read column by column instead of through a driver
 * getter per row and column; a dialect offers one ({@link StoreDialect#binaryCopy()}) where its driver has it and it
 * measured faster (PostgreSQL's {@code COPY (…) TO STDOUT (FORMAT binary)}). Such a copy takes no bind parameters, so
 * the query it runs has the statement's values written into it as literals.
 */
public interface BinaryCopy {
  /**
   * How the copy would read each column of a prepared query that has not run (the store describes it), or null if a
   * column is not one it reads as a number or a string (then the query runs and is read through the getters).
   *
   * @param connection the store driver's connection, as the pool hands it out
   * @param query the query, prepared on that connection with its parameters bound
   */
  @Nullable List<Format> describe(Connection connection, PreparedStatement query) throws SQLException;

  /**
   * Starts copying out the rows of a query on a connection that {@link #describe described} it, or returns null if
   * the session forbids writing its values as literals (then the prepared query runs instead).
   *
   * @param connection the connection the query was described on
   * @param sql the query with the statement's values written in as literals, by the store's SQL dialect
   * @param columns what {@link #describe} answered
   */
  @Nullable CopiedRows start(Connection connection, String sql, List<Format> columns) throws SQLException;

  /** How a column arrives and is read: as a 64-bit integer, or a string. */
  enum Format {
    /** A 16-bit integer. */
    INT2,
    /** A 32-bit integer. */
    INT4,
    /** A 64-bit integer. */
    INT8,
    /** A timestamp without time zone (microseconds since 2000-01-01), read as epoch milliseconds of its wall clock. */
    TIMESTAMP,
    /** A string (text or varchar), read as the driver's getter reads it. */
    TEXT
  }

  /** The rows of a running copy, read one at a time into a row of 64-bit integers and strings. */
  interface CopiedRows extends AutoCloseable {
    /**
     * Reads the next row's columns into {@code values} (epoch milliseconds for a timestamp; a string into
     * {@code texts} instead) and whether each is NULL into {@code nulls}; returns false, reading nothing, after the
     * last row.
     */
    boolean next(long[] values, @Nullable String[] texts, boolean[] nulls) throws SQLException;

    /** Asks the store to stop the copy; called from another thread while {@link #next} may be waiting for rows. */
    void cancel() throws SQLException;

    /** Ends the copy (stopping it if it still runs); the connection stays open. */
    @Override void close();
  }
}
