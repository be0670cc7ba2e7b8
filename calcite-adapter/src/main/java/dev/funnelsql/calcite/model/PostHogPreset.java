package dev.funnelsql.calcite.model;

import java.util.List;

/** Built-in preset {@code posthog}: PostHog's {@code events} table, as exported by its batch exports. */
public final class PostHogPreset extends SimpleEventSchemaPreset {
  /** Creates the preset (called by {@link java.util.ServiceLoader}). */
  public PostHogPreset() {
    super("posthog",
        "PostHog: table events (as written by a PostHog batch export), user distinct_id, time timestamp, event "
            + "event. distinct_id is per device until a user is identified (person_id merges them when the export "
            + "includes it); event properties are in the JSON column properties.",
        "events", "distinct_id", "timestamp", "event", List.of());
  }
}
