package dev.funnelsql.calcite.model;

/** How a cohort counts a returning user: the {@code retention:} key of a cohort. */
public enum RetentionKind {
  /** A user counts in period k if they returned during period k itself (the default). */
  N_DAY,
  /** A user counts in period k if they returned in period k or any later period ("on or after"). */
  UNBOUNDED,
  /** A user counts in a bracket of offsets ({@code brackets:}) if they returned in any of its periods. */
  BRACKET
}
