package dev.funnelsql.calcite.model;

import java.util.List;

/** Built-in preset {@code segment}: the {@code tracks} table that Segment's warehouse destinations write. */
public final class SegmentPreset extends SimpleEventSchemaPreset {
  /** Creates the preset (called by {@link java.util.ServiceLoader}). */
  public SegmentPreset() {
    super("segment",
        "Segment warehouse: table tracks (one row per track call) in the schema named after the Segment source, "
            + "user user_id, time timestamp, event event. Anonymous events have a NULL user_id (their id is in "
            + "anonymous_id), and event properties live in per-event tables, not in tracks; set source.schema to "
            + "the source's schema.",
        "tracks", "user_id", "timestamp", "event", List.of());
  }
}
