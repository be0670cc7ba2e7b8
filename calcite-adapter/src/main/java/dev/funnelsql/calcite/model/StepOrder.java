package dev.funnelsql.calcite.model;

/** How a funnel's steps must follow each other: the {@code order:} key of a funnel. */
public enum StepOrder {
  /** Steps in the given order, other events allowed in between (the default). */
  ORDERED,
  /** Steps in the given order with no other event of the funnel in between. */
  STRICT,
  /** Steps in any order within the window. */
  UNORDERED
}
