package dev.funnelsql.calcite.model;

import org.checkerframework.checker.nullness.qual.Nullable;

import java.util.List;

/**
 * A funnel of the model: ordered steps that a user must reach within a time window, with optional exclusions and
 * breakdowns by segmentation; it becomes the tables {@code funnels.<name>}, {@code funnels.<name>_summary} and
 * {@code funnels.<name>_chart}.
 *
 * @param name the funnel's name (its key under {@code funnels:}; any characters)
 * @param where the funnel's mapping in the model file
 * @param windowSeconds the window from the first step to the last, in seconds, {@code >= 0}
 * @param mode the {@code FUNNEL_STEP} modes string as written ({@code strict_order,…}), "" if none
 * @param order how the steps must follow each other
 * @param steps the steps, 1 to {@value #MAX_STEPS}, names unique
 * @param exclusions the exclusions, possibly none
 * @param breakdowns names of segmentations of the model, or columns of the events, to break the funnel down by
 * @param trend the entry period of {@code funnels.<name>_trend} ({@code trend:}, a week by default)
 * @param per the column of the entities the funnel counts instead of users ({@code per:}: an account, order or
 *     session column), or null: the events' user
 * @param drivers columns of the events whose values {@code funnels.<name>_drivers} weighs, besides the event name
 * @param attribution which step's event gives a user their value of a column breakdown
 * @param asOf when the funnel takes its users' segments ({@code as_of:}): at their entry (the default) or now
 */
public record FunnelConfig(String name, ModelNode where, long windowSeconds, String mode, StepOrder order,
    List<StepConfig> steps, List<ExclusionConfig> exclusions, List<Located> breakdowns, Period trend,
    @Nullable Located per, List<Located> drivers, Attribution attribution, BreakdownTime asOf) {
  /** The largest number of steps a funnel may have (the limit of {@code FUNNEL_STEP}). */
  public static final int MAX_STEPS = 32;

  /** Suffixes of the tables a funnel becomes in schema {@code funnels}. */
  public static final List<String> TABLE_SUFFIXES = List.of("", "_summary", "_chart", "_trend",
      "_time_to_convert", "_drivers", "_paths");

  /** Creates a funnel (lists are copied). */
  public FunnelConfig {
    steps = List.copyOf(steps);
    exclusions = List.copyOf(exclusions);
    breakdowns = List.copyOf(breakdowns);
    drivers = List.copyOf(drivers);
  }

  /** The node of the {@code mode:} key, for locating errors in it, or null if the funnel has none. */
  public @Nullable ModelNode modeNode() {
    return where.find("mode");
  }

  /** The names of the tables this funnel becomes: the long one and the summary. */
  public List<String> tableNames() {
    return TABLE_SUFFIXES.stream().map(s -> name + s).toList();
  }
}
