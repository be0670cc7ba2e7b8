package dev.funnelsql.calcite.model;

import java.util.List;

/** Built-in preset {@code snowplow}: Snowplow's enriched {@code atomic.events} table. */
public final class SnowplowPreset extends SimpleEventSchemaPreset {
  /** Creates the preset (called by {@link java.util.ServiceLoader}). */
  public SnowplowPreset() {
    super("snowplow",
        "Snowplow: table atomic.events, user domain_userid (the first-party cookie id; user_id holds the business "
            + "id when the tracker sets it), time derived_tstamp (clock-skew corrected; collector_tstamp is the "
            + "alternative), event event_name (the event column holds the event type such as unstruct).",
        "atomic.events", "domain_userid", "derived_tstamp", "event_name", List.of());
  }
}
