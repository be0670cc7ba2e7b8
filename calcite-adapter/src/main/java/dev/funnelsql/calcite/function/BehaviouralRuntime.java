package dev.funnelsql.calcite.function;

import dev.funnelsql.functions.funnel.ExcludingFunnelAccumulator;
import dev.funnelsql.functions.funnel.ExcludingFunnelSpec;
import dev.funnelsql.functions.funnel.FunnelAccumulator;
import dev.funnelsql.functions.funnel.FunnelSpec;
import dev.funnelsql.functions.nextnode.NextNodeSpec;
import dev.funnelsql.functions.period.CalendarPeriod;
import dev.funnelsql.functions.period.LocalCalendar;
import dev.funnelsql.functions.period.TruncationUnit;
import dev.funnelsql.functions.retention.RetentionAccumulator;
import dev.funnelsql.functions.sequence.SequenceAccumulator;
import dev.funnelsql.functions.sequence.SequencePattern;
import dev.funnelsql.functions.windowfunnel.WindowFunnelSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Static entry points that the generated code of the behavioural aggregates calls: they create the accumulators of
 * {@code sql-functions} from the values bound into the call and convert results to Calcite's representation.
 */
public final class BehaviouralRuntime {
  private static final Map<String, LocalCalendar> CALENDARS = new ConcurrentHashMap<>();

  private BehaviouralRuntime() {
  }

  /** The spec a funnel call was bound to, by its {@link BoundValues} number. */
  public static FunnelSpec funnelSpec(int number) {
    return (FunnelSpec) BoundValues.get(number);
  }

  /** Returns the level a funnel reached. */
  public static int funnelLevel(FunnelAccumulator accumulator) {
    return accumulator.level();
  }

  /** Returns the step times of a funnel's chain: one element per step, NULL past the last step reached. */
  public static List<Long> funnelTimes(FunnelAccumulator accumulator) {
    return funnelTimes(accumulator.level(), accumulator.times());
  }

  /** The spec a model funnel's table was bound to, by its {@link BoundValues} number. */
  public static ExcludingFunnelSpec excludingFunnelSpec(int number) {
    return (ExcludingFunnelSpec) BoundValues.get(number);
  }

  /** The spec a model funnel's trend table was bound to, by its {@link BoundValues} number. */
  public static FunnelTrendSpec funnelTrendSpec(int number) {
    return (FunnelTrendSpec) BoundValues.get(number);
  }

  /** Returns the step times of a model funnel's chain, capped at its exclusions: NULL past the last step kept. */
  public static List<Long> excludingFunnelTimes(ExcludingFunnelAccumulator accumulator) {
    return funnelTimes(accumulator.level(), accumulator.times());
  }

  /** Returns the first {@code level} of the step times, then NULL for each step not reached. */
  static List<Long> funnelTimes(int level, long[] times) {
    final List<Long> list = new ArrayList<>(times.length);
    for (int i = 0; i < times.length; i++) {
      list.add(i < level ? times[i] : null);
    }
    return list;
  }

  /** The calendar of a time zone that a calendar call names, shared by every call that names it. */
  public static LocalCalendar calendar(String zone) {
    return CALENDARS.computeIfAbsent(zone, LocalCalendar::of);
  }

  /**
   * {@code PERIOD_START}: the start of the local calendar period holding a time, or NULL. A DATE ({@code scale} of
   * a day) is already a wall-clock date and is not moved to the zone.
   */
  public static Long periodStart(Number time, long scale, String unit, LocalCalendar calendar) {
    return time == null ? null : CalendarPeriod.parse(unit).start(local(calendar, time, scale));
  }

  /** {@code DATE_TRUNC}: the start of the local unit (second … year) holding a time, or NULL. */
  public static Long dateTrunc(String unit, Number time, long scale, LocalCalendar calendar) {
    return time == null ? null : TruncationUnit.parse(unit).start(local(calendar, time, scale));
  }

  /** {@code PERIODS_BETWEEN}: whole local calendar periods from one time's period to another's, or NULL. */
  public static Long periodsBetween(Number from, long fromScale, Number to, long toScale, String unit,
      LocalCalendar calendar) {
    return from == null || to == null ? null : CalendarPeriod.parse(unit).between(local(calendar, from, fromScale),
        local(calendar, to, toScale));
  }

  /** {@code LOCAL_TIME}: the zone's wall-clock time at an instant, or NULL. */
  public static Long localTime(Number time, long scale, LocalCalendar calendar) {
    return time == null ? null : local(calendar, time, scale);
  }

  private static long local(LocalCalendar calendar, Number time, long scale) {
    return scale == 1 ? calendar.toLocal(time.longValue()) : time.longValue() * scale;
  }

  /** Creates a retention accumulator for {@code conditions} conditions. */
  public static RetentionAccumulator newRetention(int conditions) {
    return new RetentionAccumulator(conditions);
  }

  /** Returns the retention array. */
  public static List<Boolean> retention(RetentionAccumulator accumulator) {
    final boolean[] result = accumulator.result();
    return retention(result);
  }

  /** Returns a retention vector as a list. */
  static List<Boolean> retention(boolean[] result) {
    final Boolean[] boxed = new Boolean[result.length];
    for (int i = 0; i < result.length; i++) {
      boxed[i] = result[i];
    }
    return Arrays.asList(boxed);
  }

  /** The spec a SEQUENCE_NEXT_NODE call was bound to, by its {@link BoundValues} number. */
  public static NextNodeSpec nextNodeSpec(int number) {
    return (NextNodeSpec) BoundValues.get(number);
  }

  /** The spec a WINDOW_FUNNEL call was bound to, by its {@link BoundValues} number. */
  public static WindowFunnelSpec windowFunnelSpec(int number) {
    return (WindowFunnelSpec) BoundValues.get(number);
  }

  /** The pattern a sequence call was bound to, by its {@link BoundValues} number. */
  public static SequencePattern sequencePattern(int number) {
    return (SequencePattern) BoundValues.get(number);
  }

  /** Returns whether the sequence pattern matched. */
  public static boolean sequenceMatches(SequenceAccumulator accumulator) {
    return accumulator.matches();
  }

  /** Returns how many non-overlapping matches of the pattern were found. */
  public static long sequenceCount(SequenceAccumulator accumulator) {
    return accumulator.count();
  }
}
