package dev.funnelsql.examples.bench;

import java.util.Locale;

/**
 * One generated data set: its size and shape. Equal specs give equal data (the generator is deterministic), so a
 * data set cached under {@link #name()} is reused.
 *
 * @param events rows in the events table
 * @param users users drawn from (a few may have no event)
 * @param days the time span of the data
 * @param types event types {@code e0 .. e<types-1>}
 * @param seed the generator's seed
 */
public record DataSpec(long events, long users, int days, int types, long seed) {
  /** A file and schema name that identifies the data: {@code e10m_u1m_d30_t10_s42}. */
  public String name() {
    return ("e" + compact(events) + "_u" + compact(users) + "_d" + days + "_t" + types + "_s" + seed)
        .toLowerCase(Locale.ROOT);
  }

  /** {@code 10m}, {@code 20k} or the plain number. */
  public static String compact(long n) {
    if (n % 1_000_000 == 0) {
      return n / 1_000_000 + "m";
    }
    if (n % 1_000 == 0) {
      return n / 1_000 + "k";
    }
    return Long.toString(n);
  }

  /** The size as people say it: {@code 10M}, {@code 20k}. */
  public String label() {
    return compact(events).toUpperCase(Locale.ROOT).replace('K', 'k');
  }
}
