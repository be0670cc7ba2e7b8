package dev.funnelsql.calcite.cohort;

import dev.funnelsql.calcite.schema.EventsRelation;
import dev.funnelsql.calcite.segment.Segmentation;
import java.util.List;

/**
 * A cohort as a breakdown of a funnel: each member's segment is their cohort period, the date of its first day as
 * text ({@code 2026-07-06}); with {@code entries: recurring}, the period of their first entry event. Users who never
 * entered are in no segment.
 */
public final class CohortPeriods implements Segmentation {
  private final CohortDefinition cohort;

  /** The periods of {@code cohort} as segments. */
  public CohortPeriods(CohortDefinition cohort) {
    this.cohort = cohort;
  }

  @Override public String name() {
    return cohort.name();
  }

  @Override public List<String> segments() {
    return List.of();
  }

  @Override public boolean exhaustive() {
    return false;
  }

  @Override public String membershipSql(EventsRelation events) {
    return "SELECT f.\"user_id\", CAST(CAST(f.\"cohort_period\" AS DATE) AS VARCHAR) AS \"segment\" FROM ("
        + CohortViews.firstEntries(cohort, events) + ") AS f";
  }
}
