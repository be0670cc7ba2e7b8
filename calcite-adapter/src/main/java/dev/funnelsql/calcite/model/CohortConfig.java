package dev.funnelsql.calcite.model;

import java.util.List;

/**
 * A cohort of the model: users grouped by the period of their entry event, followed for a number of periods to see
 * whether they return; it becomes the tables {@code cohorts.<name>} and {@code cohorts.<name>_matrix}.
 *
 * @param name the cohort's name (its key under {@code cohorts:}; any characters)
 * @param where the cohort's mapping in the model file
 * @param entry SQL condition of the event that puts a user in the cohort (the first one counts)
 * @param returning SQL condition of an event that counts as a return (the {@code return:} key)
 * @param period the length of a period
 * @param retention how a return is counted
 * @param periods how many periods after the entry period are followed, {@code >= 1} (default 12; with brackets,
 *     the last bracket's end)
 * @param entries whether only the first entry event counts, or every one
 * @param brackets the brackets of {@code retention: bracket}, in order (empty otherwise)
 * @param breakdowns the {@code breakdowns:} of the matrix: segmentations, funnels or columns of the events
 */
public record CohortConfig(String name, ModelNode where, Located entry, Located returning, Period period,
    RetentionKind retention, int periods, CohortEntries entries, List<Bracket> brackets, List<Located> breakdowns) {
  /** Copies the lists. */
  public CohortConfig {
    brackets = List.copyOf(brackets);
    breakdowns = List.copyOf(breakdowns);
  }

  /** The number of periods followed when a cohort does not say. */
  public static final int DEFAULT_PERIODS = 12;

  /** Suffixes of the tables a cohort becomes in schema {@code cohorts}. */
  public static final List<String> TABLE_SUFFIXES = List.of("", "_matrix");

  /** The names of the tables this cohort becomes. */
  public List<String> tableNames() {
    return TABLE_SUFFIXES.stream().map(s -> name + s).toList();
  }
}
