package dev.funnelsql.calcite.model;

/** Which entry events put a user in a cohort: the {@code entries:} key of a cohort. */
public enum CohortEntries {
  /** Only the first: each user is in one cohort, that of the period of their first entry event (the default). */
  FIRST,
  /** Every one: a user is in the cohort of each period in which they have an entry event. */
  RECURRING
}
