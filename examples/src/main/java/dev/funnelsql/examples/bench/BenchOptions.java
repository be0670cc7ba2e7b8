package dev.funnelsql.examples.bench;

import dev.funnelsql.examples.cli.Flags;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The benchmark's flags: data sizes, stores, which measurements run at which size, and how many runs. Immutable.
 *
 * <p>The main size ({@code --events}) gets every measurement; the growth sizes ({@code --growth}) get FunnelSQL and
 * the bare fetch, plus the hand-written baselines where the size is at most {@code --baseline-max}. Sizes accept
 * {@code k}/{@code m} suffixes and underscores ({@code 10m}, {@code 10_000_000}).
 */
public final class BenchOptions {
  /** The flags, for usage messages. */
  public static final String USAGE = "[--events 10m] [--users N (default events/10)] [--days 30] [--types 10] "
      + "[--seed 42] [--stores duckdb,h2,postgres] [--growth 1m[,100m]] [--max-events store=N,...] "
      + "[--baseline-max store=N,... (default: the --events size)] [--never-max 1m] [--warmups 1] [--runs 5] "
      + "[--slow-seconds 20] [--budget-seconds 30] [--dir target/bench] [--tables] [--table-timeout 300s] "
      + "[--only funnels.,segments.lifecycle,...] [--baselines beside|once]";

  private final long events;
  private final long users;
  private final int days;
  private final int types;
  private final long seed;
  private final List<StoreKind> stores;
  private final List<Long> growth;
  private final Map<StoreKind, Long> maxEvents;
  private final Map<StoreKind, Long> baselineMax;
  private final long neverMax;
  private final int warmups;
  private final int runs;
  private final double slowSeconds;
  private final double budgetSeconds;
  private final Path dir;
  private final boolean tables;
  private final int tableTimeoutSeconds;
  private final List<String> only;
  private final boolean baselinesBeside;

  @SuppressWarnings("checkstyle:ParameterNumber")
  private BenchOptions(long events, long users, int days, int types, long seed, List<StoreKind> stores,
      List<Long> growth, Map<StoreKind, Long> maxEvents, Map<StoreKind, Long> baselineMax, long neverMax,
      int warmups, int runs, double slowSeconds, double budgetSeconds, Path dir, boolean tables,
      int tableTimeoutSeconds, List<String> only, boolean baselinesBeside) {
    this.events = events;
    this.users = users;
    this.days = days;
    this.types = types;
    this.seed = seed;
    this.stores = List.copyOf(stores);
    this.growth = List.copyOf(growth);
    this.maxEvents = maxEvents;
    this.baselineMax = baselineMax;
    this.neverMax = neverMax;
    this.warmups = warmups;
    this.runs = runs;
    this.slowSeconds = slowSeconds;
    this.budgetSeconds = budgetSeconds;
    this.dir = dir;
    this.tables = tables;
    this.tableTimeoutSeconds = tableTimeoutSeconds;
    this.only = List.copyOf(only);
    this.baselinesBeside = baselinesBeside;
  }

  /**
   * Parses {@code --flag value} or {@code --flag=value} pairs; flags not given keep their defaults.
   *
   * @throws IllegalArgumentException on an unknown flag or a bad value, with the usage
   */
  public static BenchOptions parse(String... args) {
    long events = 10_000_000L;
    long users = 0;
    int days = 30;
    int types = 10;
    long seed = 42;
    List<StoreKind> stores = List.of(StoreKind.values());
    List<Long> growth = List.of(1_000_000L);
    final Map<StoreKind, Long> maxEvents = new EnumMap<>(StoreKind.class);
    final Map<StoreKind, Long> baselineMax = new EnumMap<>(StoreKind.class);
    long neverMax = 1_000_000L;
    int warmups = 1;
    int runs = 5;
    double slowSeconds = 20;
    double budgetSeconds = 30;
    Path dir = Path.of("target", "bench");
    boolean tables = false;
    int tableTimeoutSeconds = 300;
    List<String> only = List.of();
    boolean baselinesBeside = true;
    final Flags flags = new Flags(args, USAGE, Set.of("--tables"));
    while (flags.next()) {
      final String flag = flags.name();
      final String value = flags.value();
      try {
        switch (flag) {
          case "--events":
            events = size(value);
            break;
          case "--users":
            users = size(value);
            break;
          case "--days":
            days = Integer.parseInt(value);
            break;
          case "--types":
            types = Integer.parseInt(value);
            break;
          case "--seed":
            seed = Long.parseLong(value);
            break;
          case "--stores":
            stores = storeList(value);
            break;
          case "--growth":
            growth = sizes(value);
            break;
          case "--max-events":
            perStore(value, maxEvents);
            break;
          case "--baseline-max":
            perStore(value, baselineMax);
            break;
          case "--never-max":
            neverMax = size(value);
            break;
          case "--warmups":
            warmups = Integer.parseInt(value);
            break;
          case "--runs":
            runs = Integer.parseInt(value);
            break;
          case "--slow-seconds":
            slowSeconds = Double.parseDouble(value);
            break;
          case "--budget-seconds":
            budgetSeconds = Double.parseDouble(value);
            break;
          case "--dir":
            dir = Path.of(value);
            break;
          case "--tables":
            tables = true;
            break;
          case "--table-timeout":
            tableTimeoutSeconds = seconds(value);
            break;
          case "--only":
            only = names(value);
            break;
          case "--baselines":
            if (!value.equals("beside") && !value.equals("once")) {
              throw new IllegalArgumentException("--baselines is beside or once, got '" + value + "'; usage: "
                  + USAGE);
            }
            baselinesBeside = value.equals("beside");
            break;
          default:
            throw new IllegalArgumentException("unknown flag " + flag + "; usage: " + USAGE);
        }
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("bad value for " + flag + ": '" + value + "'; usage: " + USAGE, e);
      }
    }
    if (events < 1000 || days < 11 || types < 5 || types > 100 || runs < 1 || warmups < 0 || seed < 0
        || seed >= 1 << 22) {
      throw new IllegalArgumentException("need --events >= 1000, --days >= 11, --types 5..100, --runs >= 1, "
          + "--warmups >= 0 and --seed 0..4194303; usage: " + USAGE);
    }
    if (users == 0) {
      users = Math.max(1, events / 10);
    }
    if (users < 1 || users > events) {
      throw new IllegalArgumentException("--users must be 1.." + events + ", got " + users);
    }
    return new BenchOptions(events, users, days, types, seed, stores, growth, maxEvents, baselineMax, neverMax,
        warmups, runs, slowSeconds, budgetSeconds, dir, tables, tableTimeoutSeconds, only, baselinesBeside);
  }

  /** Parses a duration in whole seconds: {@code 120s}, {@code 5m}, {@code 1h} or a plain number of seconds. */
  static int seconds(String value) {
    final String v = value.trim().toLowerCase(Locale.ROOT);
    final int unit = v.endsWith("h") ? 3600 : v.endsWith("m") ? 60 : 1;
    final int number = Integer.parseInt(Character.isDigit(v.charAt(v.length() - 1)) ? v
        : v.substring(0, v.length() - 1));
    if (number <= 0) {
      throw new NumberFormatException("not a positive duration: " + value);
    }
    return Math.multiplyExact(number, unit);
  }

  /** Parses {@code 10m}, {@code 100k}, {@code 1_000_000} or a plain number. */
  static long size(String value) {
    final String v = value.trim().replace("_", "").toLowerCase(Locale.ROOT);
    final long unit = v.endsWith("m") ? 1_000_000L : v.endsWith("k") ? 1_000L : 1L;
    final long number = Long.parseLong(unit == 1 ? v : v.substring(0, v.length() - 1));
    if (number <= 0) {
      throw new NumberFormatException("not a positive size: " + value);
    }
    return number * unit;
  }

  private static List<Long> sizes(String value) {
    return parts(value).stream().map(BenchOptions::size).toList();
  }

  private static List<String> names(String value) {
    final List<String> names = parts(value);
    if (names.isEmpty()) {
      throw new IllegalArgumentException("--only needs at least one table name or prefix; usage: " + USAGE);
    }
    return names;
  }

  /** The comma-separated parts of a flag's value, trimmed, blank ones left out. */
  private static List<String> parts(String value) {
    final List<String> parts = new ArrayList<>();
    for (String part : value.split(",")) {
      if (!part.isBlank()) {
        parts.add(part.trim());
      }
    }
    return parts;
  }

  private static List<StoreKind> storeList(String value) {
    final List<StoreKind> list = new ArrayList<>();
    for (String part : value.split(",")) {
      final StoreKind kind = StoreKind.of(part);
      if (!list.contains(kind)) {
        list.add(kind);
      }
    }
    list.sort(null);
    return list;
  }

  private static void perStore(String value, Map<StoreKind, Long> into) {
    for (String part : value.split(",")) {
      final int eq = part.indexOf('=');
      if (eq < 0) {
        throw new IllegalArgumentException("expected store=size, got '" + part + "'");
      }
      into.put(StoreKind.of(part.substring(0, eq)), size(part.substring(eq + 1)));
    }
  }

  /** The data of the main size. */
  public DataSpec mainData() {
    return new DataSpec(events, users, days, types, seed);
  }

  /** All sizes, ascending, as data: the growth sizes and the main size, the same events per user throughout. */
  public List<DataSpec> allData() {
    final TreeSet<Long> sizes = new TreeSet<>(growth);
    sizes.add(events);
    final List<DataSpec> all = new ArrayList<>();
    for (long size : sizes) {
      final long sizedUsers = Math.max(1, Math.round((double) users * size / events));
      all.add(new DataSpec(size, sizedUsers, days, types, seed));
    }
    return all;
  }

  /** Whether {@code store} runs at {@code data}'s size at all ({@code --max-events}). */
  public boolean runs(StoreKind store, DataSpec data) {
    return data.events() <= maxEvents.getOrDefault(store, Long.MAX_VALUE);
  }

  /** Whether the hand-written baselines run on {@code store} at {@code data}'s size ({@code --baseline-max}). */
  public boolean runsBaselines(StoreKind store, DataSpec data) {
    return data.events() <= baselineMax.getOrDefault(store, events);
  }

  /** Whether FunnelSQL with {@code funnel.pushdown=never} runs at {@code data}'s size ({@code --never-max}). */
  public boolean runsGenericAggregate(DataSpec data) {
    return data.events() <= neverMax;
  }

  /** The stores, in run order. */
  public List<StoreKind> stores() {
    return stores;
  }

  /** The warm-up runs before the counted ones (0 or 1 in practice). */
  public int warmups() {
    return warmups;
  }

  /** The measured runs after the warm-up run, at most. */
  public int runs() {
    return runs;
  }

  /** A warm-up run slower than this is the only run. */
  public double slowSeconds() {
    return slowSeconds;
  }

  /** The measured runs after the warm-up are cut so that they take about this long. */
  public double budgetSeconds() {
    return budgetSeconds;
  }

  /** Whether this run is the tables mode ({@code --tables}): the model's tables against hand-written SQL. */
  public boolean tables() {
    return tables;
  }

  /** The bound on each query of the tables mode, in seconds ({@code Statement.setQueryTimeout}). */
  public int tableTimeoutSeconds() {
    return tableTimeoutSeconds;
  }

  /**
   * Whether the tables mode times {@code table} (e.g. {@code segments.lifecycle_sizes}): every table unless
   * {@code --only} names prefixes, then those whose name starts with one of them.
   */
  public boolean times(String table) {
    return only.isEmpty() || only.stream().anyMatch(table::startsWith);
  }

  /**
   * Whether each table's baseline is measured beside it, its runs alternating with the table's ({@code --baselines
   * beside}, the default), rather than once per store, beside the first table that uses it ({@code once}: quicker,
   * for runs that check answers rather than ratios).
   */
  public boolean baselinesBeside() {
    return baselinesBeside;
  }

  /** The table-name prefixes of {@code --only}, empty when every table is timed. */
  public List<String> only() {
    return only;
  }

  /** Where data is cached and the report is written. */
  public Path dir() {
    return dir;
  }

  @Override
  public String toString() {
    return "events=" + events + ", users=" + users + ", days=" + days + ", types=" + types + ", seed=" + seed
        + ", stores=" + stores + ", growth=" + growth + ", maxEvents=" + maxEvents + ", baselineMax="
        + baselineMax + ", neverMax=" + neverMax + ", warmups=" + warmups + ", runs=" + runs
        + ", slowSeconds=" + slowSeconds
        + ", budgetSeconds=" + budgetSeconds + ", dir=" + dir + (tables ? ", tables, tableTimeoutSeconds="
        + tableTimeoutSeconds + (only.isEmpty() ? "" : ", only=" + only) + (baselinesBeside ? ""
        : ", baselines once") : "");
  }
}
