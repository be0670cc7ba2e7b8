package dev.funnelsql.calcite.store;

import dev.funnelsql.functions.period.CalendarPeriod;
import org.apache.calcite.sql.SqlNode;

/**
 * How a store spells FunnelSQL's calendar functions {@code PERIOD_START}, {@code PERIODS_BETWEEN} and
 * {@code LOCAL_TIME} with exactly their semantics (ISO weeks starting on Monday, months on the 1st, on the wall clock
 * of a time zone), so that Calcite can push queries that bucket periods into the store instead of computing them row
 * by row itself. Each store's dialect holds its own.
 */
public interface StoreCalendar {
  /**
   * {@code PERIOD_START(time, period)}: the TIMESTAMP at the start of the period holding {@code time}.
   *
   * @param time a TIMESTAMP or DATE expression of the store
   */
  SqlNode periodStart(SqlNode time, CalendarPeriod period);

  /**
   * {@code PERIODS_BETWEEN(from, to, period)}: the BIGINT number of periods from the period of {@code from} to that
   * of {@code to} (negative when {@code to} is earlier).
   */
  SqlNode periodsBetween(SqlNode from, SqlNode to, CalendarPeriod period);

  /**
   * {@code LOCAL_TIME(time, zone)}: the TIMESTAMP that the wall clock of {@code zone} (an IANA zone, not UTC) reads
   * at the instant {@code time}, a TIMESTAMP held in UTC; the periods above of the result are the zone's periods.
   */
  SqlNode localTime(SqlNode time, String zone);
}
