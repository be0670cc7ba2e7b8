package dev.funnelsql.examples.bench;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Everything one run measured and learned, for the report: the measurements per store and size, the stores'
 * descriptions and FunnelSQL's store queries, the data preparation log, notes, and the answer checks that failed.
 */
final class BenchResults {
  /** One measurement of a method on a store and data set. */
  record Entry(StoreKind store, DataSpec spec, Measurement measurement) {
  }

  private final List<Entry> entries = new ArrayList<>();
  private final Map<StoreKind, List<String>> descriptions = new EnumMap<>(StoreKind.class);
  private final Map<StoreKind, String> storeQueries = new EnumMap<>(StoreKind.class);
  private final List<String> notes = new ArrayList<>();
  private final List<String> failures = new ArrayList<>();
  private final List<String> warnings = new ArrayList<>();
  private final java.util.Set<String> notApplied = new java.util.HashSet<>();
  private final LoadLog loads = new LoadLog();

  void add(StoreKind store, DataSpec spec, Measurement measurement) {
    entries.add(new Entry(store, spec, measurement));
  }

  List<Entry> entries() {
    return List.copyOf(entries);
  }

  /** The measurement of {@code method} on {@code store} at {@code spec}, or null if it did not run. */
  Measurement find(StoreKind store, DataSpec spec, Method method) {
    for (Entry entry : entries) {
      if (entry.store() == store && entry.spec().equals(spec) && entry.measurement().method() == method) {
        return entry.measurement();
      }
    }
    return null;
  }

  boolean hasDescription(StoreKind store) {
    return descriptions.containsKey(store);
  }

  void describe(StoreKind store, List<String> lines) {
    descriptions.put(store, List.copyOf(lines));
  }

  Map<StoreKind, List<String>> descriptions() {
    return descriptions;
  }

  void storeQuery(StoreKind store, String plan) {
    storeQueries.put(store, plan);
  }

  Map<StoreKind, String> storeQueries() {
    return storeQueries;
  }

  void note(String note) {
    notes.add(note);
  }

  List<String> notes() {
    return List.copyOf(notes);
  }

  /** Records a measurement that does not measure what its label says (a connection setting not applied). */
  void warn(StoreKind store, DataSpec spec, Method method, String warning) {
    warnings.add(warning);
    notApplied.add(store + "|" + spec.name() + "|" + method);
  }

  /** Whether the setting of {@code method} was not applied on {@code store} at {@code spec}. */
  boolean settingNotApplied(StoreKind store, DataSpec spec, Method method) {
    return notApplied.contains(store + "|" + spec.name() + "|" + method);
  }

  List<String> warnings() {
    return List.copyOf(warnings);
  }

  LoadLog loads() {
    return loads;
  }

  /** The answer checks that failed; a run with any fails. */
  List<String> failures() {
    return List.copyOf(failures);
  }

  /**
   * Checks the answers of {@code store} at {@code spec}: every exact method against B1 (or, where the baselines did
   * not run, against FunnelSQL's (a)), and that against what the stores measured before on the same data.
   */
  void check(StoreKind store, DataSpec spec) {
    final Measurement b1 = find(store, spec, Method.B1);
    final Measurement reference = b1 != null ? b1 : find(store, spec, Method.FUNNELSQL);
    if (reference == null) {
      return;
    }
    final Histogram exact = reference.histogram();
    for (Entry entry : entries) {
      final Method method = entry.measurement().method();
      if (entry.store() != store || !entry.spec().equals(spec) || !method.computesFunnel()) {
        continue;
      }
      final Measurement m = entry.measurement();
      final Method.Check check = m.method().check();
      final boolean ok = check == Method.Check.NONE || (check == Method.Check.ALL_LEVELS
          ? m.histogram().equals(exact) : m.histogram().sameFrom(exact, 1));
      if (!ok) {
        failures.add("MISMATCH on " + store.title() + " at " + spec.label() + " events: " + m.method().label()
            + " = " + m.histogram() + " but " + reference.method().label() + " = " + exact);
      }
    }
    for (Entry entry : entries) {
      if (entry.store() != store && entry.spec().equals(spec) && entry.measurement().method() == Method.FUNNELSQL
          && !entry.measurement().histogram().equals(exact)) {
        failures.add("MISMATCH at " + spec.label() + " events: " + store.title() + " "
            + reference.method().label()
            + " = " + exact + " but " + entry.store().title() + " " + Method.FUNNELSQL.label() + " = "
            + entry.measurement().histogram());
      }
    }
  }

  /** The step rows of {@code spec} (rows matching a step), from a fetch, or -1 if none ran. */
  long stepRows(DataSpec spec) {
    for (Entry entry : entries) {
      if (entry.spec().equals(spec) && entry.measurement().method().isFetch()) {
        return ((FetchResult) entry.measurement().result()).rows();
      }
    }
    return -1;
  }

  /** The exact histogram of {@code spec}: B1's if it ran anywhere, else FunnelSQL's, else null. */
  Histogram exact(DataSpec spec) {
    Histogram funnel = null;
    for (Entry entry : entries) {
      if (entry.spec().equals(spec) && entry.measurement().method() == Method.B1) {
        return entry.measurement().histogram();
      }
      if (entry.spec().equals(spec) && entry.measurement().method() == Method.FUNNELSQL && funnel == null) {
        funnel = entry.measurement().histogram();
      }
    }
    return funnel;
  }

  /** Users with at least one event in {@code spec} (from FunnelSQL without WHERE), or -1 if unknown. */
  long usersWithEvents(DataSpec spec) {
    for (Entry entry : entries) {
      if (entry.spec().equals(spec) && entry.measurement().method() == Method.FUNNELSQL_NO_WHERE) {
        final Histogram all = entry.measurement().histogram();
        return all.exactly(0) + all.atLeast(1);
      }
    }
    return -1;
  }
}
