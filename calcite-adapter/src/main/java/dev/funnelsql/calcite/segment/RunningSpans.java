package dev.funnelsql.calcite.segment;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Calendar;
import java.util.Objects;
import java.util.TimeZone;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Reads a {@link Segmentation#runningMembershipSql running membership} (a user's segment at the end of each period in
 * which they have events, ordered by user and period: columns user, period start and segment) as spans: the
 * segment holds from that period until the user's next period with events, or through the period of the latest
 * event.
 */
final class RunningSpans {
  /** A segment a user holds for the periods from {@code from} up to, not including, {@code until}. */
  record Span(Object user, @Nullable String segment, long from, long until) {
  }

  private final Calendar utc = Calendar.getInstance(TimeZone.getTimeZone("UTC"));
  private final ResultSet rows;
  private final long afterLast;
  private @Nullable Object user;
  private @Nullable String segment;
  private long period;
  private boolean pending;

  /**
   * @param rows the running membership's rows
   * @param afterLast the start of the period after the latest event's
   */
  RunningSpans(ResultSet rows, long afterLast) {
    this.rows = rows;
    this.afterLast = afterLast;
  }

  /** The next span, or null after the last one. */
  @Nullable Span next() throws SQLException {
    while (rows.next()) {
      final Object rowUser = rows.getObject(1);
      final @Nullable Timestamp rowPeriod = rows.getTimestamp(2, utc);
      if (rowUser == null || rowPeriod == null) {
        continue;
      }
      final @Nullable Span span = pending
          ? new Span(Objects.requireNonNull(user), segment, period, Objects.equals(user, rowUser)
              ? rowPeriod.getTime() : afterLast)
          : null;
      user = rowUser;
      period = rowPeriod.getTime();
      segment = rows.getString(3);
      pending = true;
      if (span != null) {
        return span;
      }
    }
    if (pending) {
      pending = false;
      return new Span(Objects.requireNonNull(user), segment, period, afterLast);
    }
    return null;
  }
}
