package dev.funnelsql.calcite.model;

/** The length of a cohort period: the {@code period:} key of a cohort. */
public enum Period {
  /** An hour. */
  HOUR,
  /** A calendar day. */
  DAY,
  /** A week. */
  WEEK,
  /** A calendar month. */
  MONTH
}
