package dev.funnelsql.calcite.model;

/**
 * When a funnel takes its users' segments (a funnel's {@code as_of:}): at each user's entry into the funnel, as
 * {@code SEGMENT_OF(…, entered_at)} gives them, or now, as {@code SEGMENT_OF(…)} does.
 */
public enum BreakdownTime {
  /** At the user's entry: the time of step 1 of the chain the funnel counts (the default). */
  ENTRY,
  /** Now: over all the events. */
  NOW
}
