package dev.funnelsql.functions.period;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneRules;
import java.util.Objects;

/**
 * The calendar that periods are counted on: a time zone whose days, ISO weeks and months a model's periods follow,
 * daylight-saving days included. Event times are instants (epoch milliseconds, stored as UTC); a period's start is
 * a label on the zone's wall clock ({@code 2026-03-09 00:00} is the local Monday's start), held as the epoch
 * milliseconds of that wall-clock time read as UTC, which is how a TIMESTAMP without time zone is held.
 */
public final class LocalCalendar {
  /** The UTC calendar: the default, on which every wall-clock time is its instant. */
  public static final LocalCalendar UTC = new LocalCalendar(ZoneOffset.UTC);

  private final ZoneId zone;
  private final ZoneRules rules;
  private final boolean utc;

  private LocalCalendar(ZoneId zone) {
    this.zone = zone;
    this.rules = zone.getRules();
    this.utc = rules.isFixedOffset() && rules.getOffset(Instant.EPOCH).getTotalSeconds() == 0;
  }

  /** The calendar of an IANA zone ({@code America/Los_Angeles}) or an offset ({@code +05:30}, {@code UTC}). */
  public static LocalCalendar of(String zone) {
    final ZoneId id;
    try {
      id = ZoneId.of(zone.trim());
    } catch (DateTimeException e) {
      throw new IllegalArgumentException("unknown time zone '" + zone + "'; use an IANA zone such as "
          + "America/Los_Angeles or Europe/Paris, or UTC", e);
    }
    return of(id);
  }

  /** The calendar of {@code zone}. */
  public static LocalCalendar of(ZoneId zone) {
    final LocalCalendar calendar = new LocalCalendar(zone);
    return calendar.utc ? UTC : calendar;
  }

  /** The zone. */
  public ZoneId zone() {
    return zone;
  }

  /** Whether this is the UTC calendar, on which local and universal times agree. */
  public boolean isUtc() {
    return utc;
  }

  /** The zone's wall-clock time at the instant {@code epochMillis}, read as UTC epoch milliseconds. */
  public long toLocal(long epochMillis) {
    if (utc) {
      return epochMillis;
    }
    final Instant instant = Instant.ofEpochMilli(epochMillis);
    return epochMillis + rules.getOffset(instant).getTotalSeconds() * 1000L;
  }

  /**
   * The instant at which the zone's wall clock reads {@code localMillis} (a wall-clock time read as UTC): in a
   * daylight-saving gap, the instant the clock jumps past it; in an overlap, the earlier of the two.
   */
  public long toInstant(long localMillis) {
    if (utc) {
      return localMillis;
    }
    final LocalDateTime local = LocalDateTime.ofEpochSecond(Math.floorDiv(localMillis, 1000L),
        (int) Math.floorMod(localMillis, 1000L) * 1_000_000, ZoneOffset.UTC);
    return local.atZone(zone).toInstant().toEpochMilli();
  }

  /** The start (a wall-clock label) of the local period that holds the instant {@code epochMillis}. */
  public long periodStart(CalendarPeriod period, long epochMillis) {
    return period.start(toLocal(epochMillis));
  }

  /** The number of local periods from the one holding the instant {@code from} to the one holding {@code to}. */
  public long periodsBetween(CalendarPeriod period, long from, long to) {
    return period.between(toLocal(from), toLocal(to));
  }

  /** The start (a wall-clock label) of the local unit (second … year) that holds the instant {@code epochMillis}. */
  public long truncate(TruncationUnit unit, long epochMillis) {
    return unit.start(toLocal(epochMillis));
  }

  /** The instant at which the local period that starts at the label {@code start} ends (the next one begins). */
  public long periodEnd(CalendarPeriod period, long start) {
    return toInstant(period.next(start));
  }

  @Override public boolean equals(Object o) {
    return o instanceof LocalCalendar && ((LocalCalendar) o).zone.equals(zone);
  }

  @Override public int hashCode() {
    return Objects.hashCode(zone);
  }

  @Override public String toString() {
    return zone.getId();
  }
}
