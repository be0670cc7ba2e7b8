package dev.funnelsql.examples.demo;

import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/** A {@link ShopSimulation.Sink} that writes the rows into a demo store, buffering them until {@link #flush}. */
interface StoreLoader extends ShopSimulation.Sink, AutoCloseable {

  /**
   * Writes what is still buffered and commits it.
   *
   * @throws SQLException when the store refuses the rows
   */
  void flush() throws SQLException;

  @Override
  void close() throws SQLException;

  /** The time of a simulated second as a zone-less local time, so that the JVM's time zone never shifts it. */
  static LocalDateTime time(long epochSecond) {
    return LocalDateTime.ofEpochSecond(epochSecond, 0, ZoneOffset.UTC);
  }
}
