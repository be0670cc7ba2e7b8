package dev.funnelsql.calcite.model;

import java.util.List;

/** Built-in preset {@code rudderstack}: the {@code tracks} table that RudderStack's warehouse destinations write. */
public final class RudderStackPreset extends SimpleEventSchemaPreset {
  /** Creates the preset (called by {@link java.util.ServiceLoader}). */
  public RudderStackPreset() {
    super("rudderstack",
        "RudderStack warehouse: table tracks (one row per track call) in the schema named after the source, "
            + "user user_id, time timestamp, event event (the Segment-compatible layout). Anonymous events have a "
            + "NULL user_id (see anonymous_id); custom properties live in per-event tables; set source.schema to "
            + "the source's schema.",
        "tracks", "user_id", "timestamp", "event", List.of());
  }
}
