package dev.funnelsql.calcite.function;

import dev.funnelsql.calcite.settings.ConnectionValues;
import dev.funnelsql.functions.period.LocalCalendar;
import org.apache.calcite.jdbc.CalciteSchema;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The calendar of each connection (the {@code timeZone} connection property, else the model's {@code time_zone},
 * else UTC): the zone whose days, weeks and months a calendar call without a zone argument counts in.
 */
public final class CalendarZone {
  private static final ConnectionValues<LocalCalendar> BY_ROOT = new ConnectionValues<>();

  private CalendarZone() {
  }

  /** Records the calendar of the connection whose root schema is {@code root} (shared by its snapshots). */
  public static void register(CalciteSchema root, LocalCalendar calendar) {
    BY_ROOT.put(root, calendar);
  }

  /** Forgets the calendar of a connection that closed. */
  public static void forget(CalciteSchema root) {
    BY_ROOT.remove(root);
  }

  /** The calendar of the connection whose root schema (or a snapshot of it) is {@code root}; UTC by default. */
  public static LocalCalendar of(@Nullable CalciteSchema root) {
    final @Nullable LocalCalendar calendar = BY_ROOT.get(root);
    return calendar == null ? LocalCalendar.UTC : calendar;
  }
}
