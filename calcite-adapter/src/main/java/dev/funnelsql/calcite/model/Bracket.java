package dev.funnelsql.calcite.model;

/**
 * A range of period offsets a bracket-retention cohort counts as one ({@code brackets: [[1, 1], [2, 7]]}), Amplitude's
 * custom brackets: a user counts in it when active in any of its periods.
 *
 * @param from the first offset, {@code >= 0}
 * @param to the last offset, {@code >= from}
 */
public record Bracket(int from, int to) {
  /** The bracket's label: {@code 3} for one offset, {@code 2-7} for a range. */
  public String label() {
    return from == to ? Integer.toString(from) : from + "-" + to;
  }
}
