package dev.funnelsql.calcite.segment;

import dev.funnelsql.calcite.schema.EventsRelation;
import dev.funnelsql.calcite.schema.EventsSource;
import dev.funnelsql.calcite.schema.SqlText;
import dev.funnelsql.functions.period.CalendarPeriod;
import dev.funnelsql.functions.period.LocalCalendar;
import org.apache.calcite.linq4j.Enumerator;
import org.checkerframework.checker.nullness.qual.Nullable;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.TimeZone;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A segmentation's memberships at the end of each calendar period. In general one store query per period: the
 * segmentation's own membership SQL over the events strictly before the next period's start (the same SQL as
 * {@code SEGMENT_OF}'s with an {@code as_of}, prepared once with the bound as a parameter), joined to every user with
 * events by then, so a user the segmentation leaves out has a NULL segment; each user's row, or (counted) each
 * segment's users grouped by the store. A segmentation with a {@link Segmentation#runningMembershipSql running
 * membership} takes one query instead: its rows carried forward per user ({@link RunningSpans}), or for the trend its
 * spans counted by the store. The periods run from that of the first event of a user to that of the latest.
 */
final class PeriodMemberships {
  private final String boundsSql;
  private final String periodSql;
  private final @Nullable String runningSql;
  private final boolean counted;
  private final CalendarPeriod unit;
  private final LocalCalendar calendar;
  private final Comparator<@Nullable String> segmentOrder;

  /**
   * @param counted whether a period's rows are (segment, users, share) rather than (user, segment)
   */
  PeriodMemberships(EventsSource events, Segmentation segmentation, CalendarPeriod unit, boolean counted) {
    final EventsRelation all = events.relation(null);
    this.boundsSql = "SELECT MIN(" + all.time() + "), MAX(" + all.time() + ") FROM " + all.from() + " WHERE "
        + all.user() + " IS NOT NULL";
    // The bound is a text parameter cast in the SQL: a TIMESTAMP parameter reaches some stores (DuckDB) as a number.
    final EventsRelation before = events.relationBefore("CAST(CAST(? AS VARCHAR(32)) AS TIMESTAMP)");
    final String byUser = KindSql.everyUser(before, segmentation.membershipSql(before));
    this.periodSql = counted
        ? "SELECT s.\"segment\", COUNT(*) FROM (" + byUser + ") AS s GROUP BY s.\"segment\""
        : byUser;
    final String unitName = unit.name().toLowerCase(Locale.ROOT);
    final @Nullable String running = segmentation.runningMembershipSql(all, unitName);
    // The history reads the running rows by user; the trend has the store count them per period, next period with
    // events (from the next one's first event time: H2 refuses a window over the grouped period there) and segment.
    this.runningSql = running == null ? null : counted
        ? "SELECT s.\"period\", PERIOD_START(s.\"next_at\", " + SqlText.literal(unitName) + "), s.\"segment\", "
            + "COUNT(*) FROM (SELECT r.\"period\", r.\"segment\", LEAD(r.\"first_at\") OVER (PARTITION BY "
            + "r.\"user_id\" ORDER BY r.\"first_at\") AS \"next_at\" FROM (" + running + ") AS r) AS s GROUP BY "
            + "s.\"period\", PERIOD_START(s.\"next_at\", " + SqlText.literal(unitName) + "), s.\"segment\""
        : "SELECT r.\"user_id\", r.\"period\", r.\"segment\" FROM (" + running + ") AS r "
            + "ORDER BY r.\"user_id\", r.\"period\"";
    this.counted = counted;
    this.unit = unit;
    this.calendar = events.calendar();
    final List<String> listed = segmentation.segments();
    this.segmentOrder = Comparator.nullsLast(Comparator.<String>comparingInt(segment -> {
      final int index = listed.indexOf(segment);
      return index < 0 ? listed.size() : index;
    }).thenComparing(Comparator.naturalOrder()));
  }

  /** The rows of the periods in {@code range}, computed as they are read. */
  Enumerator<@Nullable Object[]> rows(Connection connection, PeriodStartRange range,
      @Nullable AtomicBoolean cancelFlag) {
    return new Rows(connection, range, cancelFlag);
  }

  private static IllegalStateException failure(SQLException e) {
    return new IllegalStateException("could not compute the segmentation's history: " + e.getMessage(), e);
  }

  /** Walks the periods, running one period's query when the previous one's rows are used up. */
  private final class Rows implements Enumerator<@Nullable Object[]> {
    private final Calendar utc = Calendar.getInstance(TimeZone.getTimeZone("UTC"));
    private final Connection connection;
    private final PeriodStartRange range;
    private final @Nullable AtomicBoolean cancelFlag;
    private @Nullable PreparedStatement statement;
    /** The bound's parameters in {@link #statement}: one per place the segmentation's SQL reads the events. */
    private int parameters;
    private @Nullable ResultSet periodRows;
    private @Nullable Statement runningStatement;
    private @Nullable RunningSpans spans;
    private RunningSpans.@Nullable Span span;
    /** The next period of {@link #span} to give. */
    private long spanPeriod;
    private List<@Nullable Object[]> counts = List.of();
    private int nextCount;
    /** The start of the period whose rows are being read. */
    private long period;
    /** The start of the next period to consider. */
    private long pending = Long.MAX_VALUE;
    /** The start of the period of the latest event. */
    private long last = Long.MIN_VALUE;
    private boolean started;
    private @Nullable Object @Nullable [] current;

    Rows(Connection connection, PeriodStartRange range, @Nullable AtomicBoolean cancelFlag) {
      this.connection = connection;
      this.range = range;
      this.cancelFlag = cancelFlag;
    }

    @Override public @Nullable Object[] current() {
      if (current == null) {
        throw new NoSuchElementException();
      }
      return current;
    }

    @Override public boolean moveNext() {
      try {
        if (!started) {
          started = true;
          start();
        }
        while (true) {
          if (spans != null) {
            return nextOfSpans();
          }
          if (periodRows != null && periodRows.next()) {
            current = new Object[] {periodRows.getObject(1), period, periodRows.getString(2)};
            return true;
          }
          if (nextCount < counts.size()) {
            current = counts.get(nextCount++);
            return true;
          }
          if (!nextPeriod()) {
            current = null;
            return false;
          }
        }
      } catch (SQLException e) {
        throw failure(e);
      }
    }

    private void start() throws SQLException {
      try (Statement bounds = connection.createStatement(); ResultSet row = bounds.executeQuery(boundsSql)) {
        row.next();
        final @Nullable Timestamp first = row.getTimestamp(1, utc);
        final @Nullable Timestamp latest = row.getTimestamp(2, utc);
        if (first == null || latest == null) {
          return;
        }
        pending = calendar.periodStart(unit, first.getTime());
        last = calendar.periodStart(unit, latest.getTime());
      }
      if (runningSql == null) {
        statement = connection.prepareStatement(periodSql);
        parameters = statement.getParameterMetaData().getParameterCount();
        return;
      }
      runningStatement = connection.createStatement();
      final ResultSet running = runningStatement.executeQuery(runningSql);
      if (counted) {
        counts = countSpans(running);
      } else {
        spans = new RunningSpans(running, unit.next(last));
      }
    }

    /** The next history row of the running spans, in range. */
    private boolean nextOfSpans() throws SQLException {
      final RunningSpans reading = Objects.requireNonNull(spans);
      while (true) {
        if (span != null && spanPeriod < span.until()) {
          final long start = spanPeriod;
          spanPeriod = unit.next(start);
          if (range.contains(start)) {
            current = new Object[] {span.user(), start, span.segment()};
            return true;
          }
          continue;
        }
        checkCancel();
        span = reading.next();
        if (span == null) {
          current = null;
          return false;
        }
        spanPeriod = span.from();
      }
    }

    /**
     * The trend's rows from the store's counts of spans (users per period, next period with events and segment): users
     * per period and segment, by running sums of where spans begin and end.
     */
    private List<@Nullable Object[]> countSpans(ResultSet spanCounts) throws SQLException {
      final List<Long> periods = new ArrayList<>();
      for (long start = pending; start <= last; start = unit.next(start)) {
        periods.add(start);
      }
      final Map<Long, Integer> index = new HashMap<>();
      for (int i = 0; i < periods.size(); i++) {
        index.put(periods.get(i), i);
      }
      final Map<Optional<String>, long[]> changes = new HashMap<>();
      while (spanCounts.next()) {
        final @Nullable Timestamp from = spanCounts.getTimestamp(1, utc);
        final @Nullable Timestamp until = spanCounts.getTimestamp(2, utc);
        final long users = spanCounts.getLong(4);
        if (from == null) {
          continue;
        }
        final long[] change = changes.computeIfAbsent(Optional.ofNullable(spanCounts.getString(3)),
            segment -> new long[periods.size() + 1]);
        change[index.get(from.getTime())] += users;
        change[until == null ? periods.size() : index.getOrDefault(until.getTime(), periods.size())] -= users;
      }
      final List<@Nullable Object[]> rows = new ArrayList<>();
      final long[] running = new long[changes.size()];
      final List<Optional<String>> segments = new ArrayList<>(changes.keySet());
      for (int i = 0; i < periods.size(); i++) {
        final List<@Nullable Object[]> inPeriod = new ArrayList<>();
        long total = 0;
        for (int k = 0; k < segments.size(); k++) {
          running[k] += changes.get(segments.get(k))[i];
          if (running[k] > 0) {
            inPeriod.add(new Object[] {periods.get(i), segments.get(k).orElse(null), running[k], 0d});
            total += running[k];
          }
        }
        if (range.contains(periods.get(i))) {
          rows.addAll(shares(inPeriod, total));
        }
      }
      return rows;
    }

    /** Runs the next period in the range, if there is one. */
    private boolean nextPeriod() throws SQLException {
      closeRows();
      final PreparedStatement prepared = statement;
      while (pending <= last && !range.contains(pending)) {
        pending = unit.next(pending);
      }
      if (prepared == null || pending > last || pending > range.to()) {
        return false;
      }
      period = pending;
      pending = unit.next(period);
      checkCancel();
      // The period ends at an instant; its start and the next one's are wall-clock labels.
      final String end = KindSql.timestampText(calendar.toInstant(pending));
      for (int i = 1; i <= parameters; i++) {
        prepared.setString(i, end);
      }
      final ResultSet rows = prepared.executeQuery();
      if (!counted) {
        periodRows = rows;
        return true;
      }
      try (rows) {
        final List<@Nullable Object[]> read = new ArrayList<>();
        long total = 0;
        while (rows.next()) {
          final long users = rows.getLong(2);
          read.add(new Object[] {period, rows.getString(1), users, 0d});
          total += users;
        }
        counts = shares(read, total);
        nextCount = 0;
      }
      return true;
    }

    private void checkCancel() {
      if (cancelFlag != null && cancelFlag.get()) {
        throw new CancellationException("the query was cancelled while the segmentation's history was computed");
      }
    }

    /** A period's rows in segment order, each with its share of the period's users. */
    private List<@Nullable Object[]> shares(List<@Nullable Object[]> rows, long total) {
      rows.sort(Comparator.comparing(row -> (String) row[1], segmentOrder));
      for (@Nullable Object[] row : rows) {
        row[3] = (double) (Long) row[2] / total;
      }
      return rows;
    }

    private void closeRows() throws SQLException {
      if (periodRows != null) {
        periodRows.close();
        periodRows = null;
      }
    }

    @Override public void reset() {
      throw new UnsupportedOperationException();
    }

    @Override public void close() {
      try {
        closeRows();
        if (statement != null) {
          statement.close();
          statement = null;
        }
        if (runningStatement != null) {
          runningStatement.close();
          runningStatement = null;
        }
      } catch (SQLException e) {
        throw failure(e);
      }
    }
  }
}
