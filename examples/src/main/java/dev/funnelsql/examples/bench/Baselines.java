package dev.funnelsql.examples.bench;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The baselines of one store's turn in the tables mode: each {@link BaselinePart} is measured once (a membership is
 * the baseline of several tables) and its result kept as the reference of the checks. The {@code FUNNEL_STEP}
 * query runs through a plain {@code jdbc:funnelsql:} connection, as in mode (a); hand-written SQL on the store's
 * own connection, streamed; every query within the table timeout.
 */
final class Baselines implements TableReferences {
  private final Timing timing;
  private final Connection direct;
  private final Connection funnelSql;
  private final ShopSql sql;
  private final int timeoutSeconds;
  private final Progress progress;
  private final Map<String, Outcome> outcomes = new HashMap<>();
  private final Map<String, Map<String, long[]>> breakdowns = new HashMap<>();

  Baselines(Timing timing, Connection direct, Connection funnelSql, ShopSql sql, int timeoutSeconds,
      Progress progress) {
    this.timing = timing;
    this.direct = direct;
    this.funnelSql = funnelSql;
    this.sql = sql;
    this.timeoutSeconds = timeoutSeconds;
    this.progress = progress;
  }

  /**
   * The outcome of {@code part}: the one measured beside the table that last used it ({@link #remember}), or,
   * where none has, measured alone now.
   */
  Outcome measure(BaselinePart part) {
    Outcome outcome = outcomes.get(part.key());
    if (outcome == null) {
      progress.say("  baseline " + part.key());
      outcome = timing.alternate(List.of(work(part))).get(0);
      remember(part, outcome);
    }
    return outcome;
  }

  /** Whether {@code part} has been measured (beside a table, or alone). */
  boolean measured(BaselinePart part) {
    return outcomes.containsKey(part.key());
  }

  /** One run of {@code part}, to be timed (nothing to set up before it). */
  Timing.Staged work(BaselinePart part) {
    return () -> () -> run(part);
  }

  /** Keeps {@code outcome}, measured beside a table, as {@code part}'s (its answer is the reference of checks). */
  void remember(BaselinePart part, Outcome outcome) {
    progress.say("    baseline " + part.key() + ": " + (outcome.ok()
        ? String.format(java.util.Locale.ROOT, "%.3f s", outcome.seconds()) : outcome.error()));
    outcomes.put(part.key(), outcome);
  }

  private Object run(BaselinePart part) throws SQLException {
    if (!part.viaFunnelSql()) {
      return StreamingQuery.run(direct, part.sql(), timeoutSeconds, rows -> TableAnswer.read(rows, null));
    }
    try (Statement statement = funnelSql.createStatement();
        QueryDeadline deadline = QueryDeadline.of(statement, timeoutSeconds)) {
      try (ResultSet rows = statement.executeQuery(part.sql())) {
        return part.read() == BaselinePart.Read.FUNNEL_ROWS ? TableAnswer.readArrays(rows)
            : Histogram.read(rows, FunnelShape.steps(), true);
      } catch (SQLException e) {
        throw deadline.timedOut(e);
      }
    }
  }

  /** The rows of a hand-written part that completed. */
  TableAnswer answer(BaselinePart part) {
    return (TableAnswer) measure(part).measurement().result();
  }

  @Override
  public Histogram histogram(BaselinePart funnelStep) {
    final Outcome outcome = measure(funnelStep);
    if (!outcome.ok()) {
      throw new IllegalStateException("the FUNNEL_STEP baseline failed: " + outcome.error());
    }
    return (Histogram) outcome.measurement().result();
  }

  @Override
  public Map<String, Long> stepOneUsersByWeek() throws SQLException {
    progress.say("  reference: step-1 users per week (untimed)");
    return StreamingQuery.run(direct, sql.stepOneUsersByWeek(), timeoutSeconds, rows -> {
      final Map<String, Long> users = new TreeMap<>();
      while (rows.next()) {
        users.put(rows.getTimestamp(1).toLocalDateTime().toLocalDate().toString(), rows.getLong(2));
      }
      return users;
    });
  }

  @Override
  public Map<String, Long> otherEventNamesPerStep() throws SQLException {
    progress.say("  reference: event names that are no step (untimed)");
    final long names = StreamingQuery.run(direct, sql.otherEventNames(), timeoutSeconds, rows -> {
      rows.next();
      return rows.getLong(1);
    });
    final Map<String, Long> perStep = new TreeMap<>();
    for (int step = 2; step <= FunnelShape.steps(); step++) {
      perStep.put(String.valueOf(step), names);
    }
    return perStep;
  }

  @Override
  public Map<String, long[]> breakdown(String segmentation) throws SQLException {
    Map<String, long[]> bySegment = breakdowns.get(segmentation);
    if (bySegment == null) {
      progress.say("  reference: B1 levels x membership " + segmentation + " (untimed)");
      bySegment = StreamingQuery.run(direct, sql.breakdownLevels(segmentation), timeoutSeconds, rows -> {
        final Map<String, long[]> levels = new TreeMap<>();
        while (rows.next()) {
          final String segment = rows.getString(1);
          levels.computeIfAbsent(segment == null ? "" : segment, s -> new long[FunnelShape.steps() + 1])
              [rows.getInt(2)] += rows.getLong(3);
        }
        return levels;
      });
      breakdowns.put(segmentation, bySegment);
    }
    return bySegment;
  }
}
