package dev.funnelsql.examples.soak;

import dev.funnelsql.examples.cli.Flags;
import dev.funnelsql.examples.demo.DemoOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The soak run's settings: how long, how many threads, how often to sample, and the store (the demo's generator
 * flags, with a smaller default store so that a query takes milliseconds and a run makes thousands).
 *
 * @param duration how long the load runs
 * @param threads client threads, each with its own connections
 * @param sample how often throughput and heap are sampled
 * @param queriesPerConnection queries a thread runs on one connection before closing it and opening another
 * @param store the store to generate or reuse
 */
public record SoakOptions(Duration duration, int threads, Duration sample, int queriesPerConnection,
    DemoOptions store) {
  /** The usage line. */
  public static final String USAGE = "[--duration 5m] [--threads 4] [--sample 10s] [--queries-per-connection 20] "
      + "plus the demo's store flags " + DemoOptions.USAGE;

  /**
   * Parses the flags; the store flags default to 5,000 users over 30 days in {@code target/soak/shop}.
   *
   * @param args command-line arguments
   * @return the options
   * @throws IllegalArgumentException on a malformed flag
   */
  public static SoakOptions parse(String... args) {
    Duration duration = Duration.ofMinutes(5);
    int threads = 4;
    Duration sample = Duration.ofSeconds(10);
    int perConnection = 20;
    final List<String> store = new ArrayList<>(List.of("--users", "5000", "--days", "30", "--db",
        Path.of("target", "soak", "shop").toString()));
    final Flags flags = new Flags(args, USAGE);
    while (flags.next()) {
      final String flag = flags.name();
      final String value = flags.value();
      switch (flag) {
        case "--duration":
          duration = duration(value);
          break;
        case "--threads":
          threads = Integer.parseInt(value);
          break;
        case "--sample":
          sample = duration(value);
          break;
        case "--queries-per-connection":
          perConnection = Integer.parseInt(value);
          break;
        default:
          store.add(flag);
          store.add(value);
          break;
      }
    }
    if (threads < 1 || perConnection < 1 || sample.isZero() || duration.compareTo(sample) < 0) {
      throw new IllegalArgumentException("threads and queries per connection must be at least 1 and the "
          + "duration at least one sample; usage: " + USAGE);
    }
    return new SoakOptions(duration, threads, sample, perConnection,
        DemoOptions.parse(store.toArray(String[]::new)));
  }

  /** {@code 90s}, {@code 5m} or {@code 1h}. */
  private static Duration duration(String text) {
    final long amount = Long.parseLong(text.substring(0, text.length() - 1));
    switch (text.charAt(text.length() - 1)) {
      case 's':
        return Duration.ofSeconds(amount);
      case 'm':
        return Duration.ofMinutes(amount);
      case 'h':
        return Duration.ofHours(amount);
      default:
        throw new IllegalArgumentException("a duration is a number followed by s, m or h, got '" + text + "'");
    }
  }
}
