package dev.funnelsql.calcite.model;

import java.util.List;

/** Built-in preset {@code ga4}: a Google Analytics 4 BigQuery export flattened into one {@code events} table. */
public final class Ga4Preset extends SimpleEventSchemaPreset {
  /** Creates the preset (called by {@link java.util.ServiceLoader}). */
  public Ga4Preset() {
    super("ga4",
        "Google Analytics 4 BigQuery export flattened into one table events (the export itself writes daily "
            + "events_YYYYMMDD tables), user user_pseudo_id, time event_timestamp, event event_name. Caution: "
            + "event_timestamp is an INT64 of microseconds since the epoch, not a TIMESTAMP, so windows are in "
            + "microseconds unless the flattening converts it; user_id is set only for signed-in users.",
        "events", "user_pseudo_id", "event_timestamp", "event_name", List.of());
  }
}
