package dev.funnelsql.examples.demo;

import dev.funnelsql.examples.cli.Flags;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.Objects;

/**
 * Immutable parameters of the demo event store (size, time span, seed and database location), parsed from CLI flags.
 *
 * <p>The store covers {@code days} whole days ending with {@code endDate} (inclusive), so every timestamp lies in
 * {@code [start(), endExclusive())}. The same options always produce the same data.
 */
public final class DemoOptions {

  /** Number of users generated when {@code --users} is not given. */
  public static final int DEFAULT_USERS = 200_000;
  /** Number of days covered when {@code --days} is not given. */
  public static final int DEFAULT_DAYS = 90;
  /** Random seed used when {@code --seed} is not given. */
  public static final long DEFAULT_SEED = 42L;
  /** Last day of data when {@code --end-date} is not given; fixed so that the demo is reproducible. */
  public static final LocalDate DEFAULT_END_DATE = LocalDate.of(2026, 9, 30);
  /** The embedded database the store is written to when {@code --store} is not given. */
  public static final DemoStore DEFAULT_STORE = DemoStore.DUCKDB;
  /** Database base path (the store adds {@code .duckdb} or {@code .mv.db}) when {@code --db} is not given. */
  public static final Path DEFAULT_DB = Path.of("target", "demo", "shop");

  /** One-line description of the flags, for usage messages. */
  public static final String USAGE =
      "[--users N] [--days D] [--seed S] [--end-date YYYY-MM-DD] [--store duckdb|h2] [--db PATH]"
          + "  (PATH without .duckdb or .mv.db; defaults: "
          + DEFAULT_USERS + " users, " + DEFAULT_DAYS + " days, seed " + DEFAULT_SEED + ", end " + DEFAULT_END_DATE
          + ", " + DEFAULT_STORE.label() + ", ./" + DEFAULT_DB.toString().replace('\\', '/') + ")";

  private static final int MAX_USERS = 50_000_000;
  private static final int MAX_DAYS = 3_650;

  private final int users;
  private final int days;
  private final long seed;
  private final LocalDate endDate;
  private final DemoStore store;
  private final Path db;

  private DemoOptions(int users, int days, long seed, LocalDate endDate, DemoStore store, Path db) {
    if (users < 1 || users > MAX_USERS) {
      throw new IllegalArgumentException("users must be between 1 and " + MAX_USERS + ", got " + users);
    }
    if (days < 1 || days > MAX_DAYS) {
      throw new IllegalArgumentException("days must be between 1 and " + MAX_DAYS + ", got " + days);
    }
    this.users = users;
    this.days = days;
    this.seed = seed;
    this.endDate = Objects.requireNonNull(endDate, "endDate");
    this.store = Objects.requireNonNull(store, "store");
    this.db = Objects.requireNonNull(db, "db");
  }

  /**
   * Returns the default options: 200,000 users over 90 days ending 2026-09-30, seed 42, in DuckDB at
   * {@code ./target/demo/shop}.
   *
   * @return the defaults
   */
  public static DemoOptions defaults() {
    return new DemoOptions(DEFAULT_USERS, DEFAULT_DAYS, DEFAULT_SEED, DEFAULT_END_DATE, DEFAULT_STORE, DEFAULT_DB);
  }

  /**
   * Parses {@code --users N --days D --seed S --end-date YYYY-MM-DD --db PATH} (also {@code --flag=value});
   * flags not given keep their defaults.
   *
   * @param args command-line arguments
   * @return the options
   * @throws IllegalArgumentException on an unknown flag, a missing or malformed value
   */
  public static DemoOptions parse(String... args) {
    DemoOptions options = defaults();
    final Flags flags = new Flags(args, USAGE);
    while (flags.next()) {
      final String flag = flags.name();
      final String value = flags.value();
      try {
        switch (flag) {
          case "--users":
            options = options.withUsers(Integer.parseInt(value.replace("_", "")));
            break;
          case "--days":
            options = options.withDays(Integer.parseInt(value));
            break;
          case "--seed":
            options = options.withSeed(Long.parseLong(value));
            break;
          case "--end-date":
            options = options.withEndDate(LocalDate.parse(value));
            break;
          case "--store":
            options = options.withStore(DemoStore.named(value));
            break;
          case "--db":
            options = options.withDb(Path.of(value));
            break;
          default:
            throw new IllegalArgumentException("unknown flag " + flag + "; usage: " + USAGE);
        }
      } catch (NumberFormatException | DateTimeParseException e) {
        throw new IllegalArgumentException("bad value for " + flag + ": '" + value + "'; usage: " + USAGE, e);
      }
    }
    return options;
  }

  /**
   * Returns a copy with another number of users.
   *
   * @param newUsers number of users, 1 to 50,000,000
   * @return the new options
   */
  public DemoOptions withUsers(int newUsers) {
    return new DemoOptions(newUsers, days, seed, endDate, store, db);
  }

  /**
   * Returns a copy covering another number of days.
   *
   * @param newDays number of days, 1 to 3,650
   * @return the new options
   */
  public DemoOptions withDays(int newDays) {
    return new DemoOptions(users, newDays, seed, endDate, store, db);
  }

  /**
   * Returns a copy with another random seed.
   *
   * @param newSeed the seed
   * @return the new options
   */
  public DemoOptions withSeed(long newSeed) {
    return new DemoOptions(users, days, newSeed, endDate, store, db);
  }

  /**
   * Returns a copy whose data ends on another day (inclusive).
   *
   * @param newEndDate last day of data
   * @return the new options
   */
  public DemoOptions withEndDate(LocalDate newEndDate) {
    return new DemoOptions(users, days, seed, newEndDate, store, db);
  }

  /**
   * Returns a copy stored at another database base path (a {@code .duckdb} or {@code .mv.db} suffix is dropped).
   *
   * @param newDb the base path, absolute or relative to the working directory
   * @return the new options
   */
  public DemoOptions withDb(Path newDb) {
    String name = newDb.toString();
    for (DemoStore each : DemoStore.values()) {
      if (name.endsWith(each.suffix())) {
        newDb = Path.of(name.substring(0, name.length() - each.suffix().length()));
      }
    }
    return new DemoOptions(users, days, seed, endDate, store, newDb);
  }

  /**
   * Returns a copy written to another embedded database.
   *
   * @param newStore DuckDB or H2
   * @return the new options
   */
  public DemoOptions withStore(DemoStore newStore) {
    return new DemoOptions(users, days, seed, endDate, newStore, db);
  }

  /** @return number of users */
  public int users() {
    return users;
  }

  /** @return number of days covered */
  public int days() {
    return days;
  }

  /** @return random seed */
  public long seed() {
    return seed;
  }

  /** @return last day of data (inclusive) */
  public LocalDate endDate() {
    return endDate;
  }

  /** @return the database base path as given */
  public Path db() {
    return db;
  }

  /** @return the absolute, normalized database base path (without {@code .mv.db}) */
  public Path dbBasePath() {
    return db.toAbsolutePath().normalize();
  }

  /** @return the embedded database the store is written to */
  public DemoStore store() {
    return store;
  }

  /** @return the database file ({@code <base>.duckdb} or {@code <base>.mv.db}) */
  public Path dbFile() {
    return store.file(dbBasePath());
  }

  /** @return the plain JDBC URL of the store ({@code jdbc:duckdb:<base>.duckdb} or {@code jdbc:h2:file:<base>}) */
  public String jdbcUrl() {
    return store.url(dbBasePath());
  }

  /** @return the first instant covered (start of the first day) */
  public LocalDateTime start() {
    return endExclusive().minusDays(days);
  }

  /** @return the instant just after the data (start of the day after {@code endDate}) */
  public LocalDateTime endExclusive() {
    return endDate.plusDays(1).atStartOfDay();
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof DemoOptions)) {
      return false;
    }
    DemoOptions other = (DemoOptions) o;
    return users == other.users && days == other.days && seed == other.seed && endDate.equals(other.endDate)
        && store == other.store && db.equals(other.db);
  }

  @Override
  public int hashCode() {
    return Objects.hash(users, days, seed, endDate, store, db);
  }

  @Override
  public String toString() {
    return "users=" + users + ", days=" + days + ", seed=" + seed + ", endDate=" + endDate
        + ", store=" + store.label() + ", db=" + db;
  }
}
