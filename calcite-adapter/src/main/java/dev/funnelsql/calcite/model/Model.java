package dev.funnelsql.calcite.model;

import org.checkerframework.checker.nullness.qual.Nullable;

import dev.funnelsql.functions.period.LocalCalendar;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A loaded and validated FunnelSQL model: where the events are, and the funnels, segmentations and cohorts that the
 * driver exposes as tables; maps keep the order of the file. Built by {@link ModelLoader}.
 *
 * @param file the model file's name as given to the loader
 * @param source the event store to connect to
 * @param events the events table and its columns (from {@code events:} or a {@code preset:})
 * @param calendar the calendar of the model's periods ({@code time_zone:}; UTC by default)
 * @param funnels the funnels by name
 * @param segmentations the segmentations by name
 * @param cohorts the cohorts by name
 * @param paths the paths by name
 */
public record Model(String file, SourceConfig source, EventsConfig events, LocalCalendar calendar,
    Map<String, FunnelConfig> funnels,
    Map<String, SegmentationConfig> segmentations, Map<String, CohortConfig> cohorts, Map<String, PathConfig> paths) {
  /** Creates a model (maps are copied, keeping their order). */
  public Model {
    funnels = copy(funnels);
    segmentations = copy(segmentations);
    cohorts = copy(cohorts);
    paths = copy(paths);
  }

  private static <V> Map<String, V> copy(Map<String, V> map) {
    return Collections.unmodifiableMap(new LinkedHashMap<>(map));
  }

  /** This model on another calendar (a connection's {@code timeZone}). */
  public Model withCalendar(LocalCalendar other) {
    return new Model(file, source, events, other, funnels, segmentations, cohorts, paths);
  }

  /** The funnel of that name, or null. */
  public @Nullable FunnelConfig funnel(String name) {
    return funnels.get(name);
  }

  /** The segmentation of that name, or null. */
  public @Nullable SegmentationConfig segmentation(String name) {
    return segmentations.get(name);
  }

  /** The cohort of that name, or null. */
  public @Nullable CohortConfig cohort(String name) {
    return cohorts.get(name);
  }
}
