package dev.funnelsql.calcite.segment;

import dev.funnelsql.calcite.schema.EventsRelation;
import dev.funnelsql.calcite.schema.FilterAsCase;
import dev.funnelsql.calcite.schema.SqlText;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.dialect.CalciteSqlDialect;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.util.SqlShuttle;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Aggregate conditions over running totals: when every aggregate call in a rules segmentation's conditions is
 * {@code COUNT}, {@code SUM}, {@code MIN} or {@code MAX} (with or without {@code FILTER}, never {@code DISTINCT} or
 * windowed) and nothing else reads the events, each call becomes a per-period partial and its running combination over
 * the user's periods (a sum of counts and sums, a running minimum or maximum). The conditions then give a user's
 * segment at the end of each period in which they have events from one pass over the events, where the general
 * history runs the membership once per period.
 */
final class RunningAggregates {
  private static final Set<String> COMBINED_BY_SUM = Set.of("COUNT", "SUM");
  private static final Set<String> COMBINED_AS_THEMSELVES = Set.of("MIN", "MAX");

  private final List<String> partials;
  private final List<String> combiners;
  /** Each aggregate call as a window aggregate over the events themselves, its FILTER folded into its argument. */
  private final List<String> overEvents;
  private final List<String> conditions;

  private RunningAggregates(List<String> partials, List<String> combiners, List<String> overEvents,
      List<String> conditions) {
    this.partials = partials;
    this.combiners = combiners;
    this.overEvents = overEvents;
    this.conditions = conditions;
  }

  /** The rewrite of the canonical {@code conditions}, or null when one of them is not made of running totals. */
  static @Nullable RunningAggregates of(List<String> conditions) {
    final List<String> partials = new ArrayList<>();
    final List<String> combiners = new ArrayList<>();
    final List<String> overEvents = new ArrayList<>();
    final List<String> rewritten = new ArrayList<>();
    for (String condition : conditions) {
      final SqlNode node;
      try {
        node = SqlText.parse(condition);
      } catch (SqlParseException e) {
        return null;
      }
      final Rewriter rewriter = new Rewriter(partials, combiners, overEvents);
      final @Nullable SqlNode result = node.accept(rewriter);
      if (result == null || rewriter.refused || readsEvents(result)) {
        return null;
      }
      rewritten.add("(" + result.toSqlString(CalciteSqlDialect.DEFAULT).getSql() + ")");
    }
    return new RunningAggregates(partials, combiners, overEvents, rewritten);
  }

  /** Whether an identifier is left outside the running totals: a column read with no aggregate around it. */
  private static boolean readsEvents(SqlNode node) {
    final boolean[] found = {false};
    node.accept(new SqlShuttle() {
      @Override public SqlNode visit(SqlIdentifier id) {
        if (!(id.names.size() == 2 && id.names.get(0).equals("r"))) {
          found[0] = true;
        }
        return id;
      }
    });
    return found[0];
  }

  /**
   * The query of each user's segment at the end of each period in which they have events (time and user not NULL):
   * columns {@code user_id}, {@code period}, {@code first_at} (the period's first event time of the user) and
   * {@code segment}.
   *
   * @param caseOver the segment's CASE over the rewritten conditions, in rule order
   */
  String sql(EventsRelation events, String unit, Function<List<String>, String> caseOver) {
    return sqlBy(events, "PERIOD_START(" + events.time() + ", " + SqlText.literal(unit) + ")", caseOver);
  }

  /**
   * The query of each user's segment as of the time of each of their events that meets {@code anchor} (see {@link
   * Segmentation#spansSql}): every aggregate as a window over the user's events up to that time, peers at the same
   * time included (a RANGE frame), so the events are sorted once and not grouped. Only the anchor events whose
   * segment differs from the user's previous one are sent (half the rows on the benchmark's events): the segment at
   * an anchor event is that of the user's last row at or before it either way.
   */
  String spansSql(EventsRelation events, String anchor, Function<List<String>, String> caseOver) {
    final StringBuilder running = new StringBuilder("SELECT " + events.user() + " AS \"user_id\", " + events.time()
        + " AS \"since\", (" + anchor + ") AS \"anchor\"");
    for (int k = 0; k < overEvents.size(); k++) {
      running.append(", ").append(overEvents.get(k)).append(" OVER (PARTITION BY ").append(events.user())
          .append(" ORDER BY ").append(events.time()).append(" RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS ")
          .append("\"c").append(k).append('"');
    }
    running.append(" FROM ").append(events.from()).append(" WHERE ").append(events.time()).append(" IS NOT NULL AND ")
        .append(events.user()).append(" IS NOT NULL");
    // The filter on the anchor keeps the windows of the running totals apart from those of the changes. Rows at one
    // time share their segment (the frame takes the peers in), so each change is one row.
    return KindSql.changes("SELECT r.\"user_id\", r.\"since\", " + caseOver.apply(conditions) + " AS \"segment\" FROM ("
        + running + ") AS r WHERE r.\"anchor\"");
  }

  /** The segment at the end of each {@code period} (an expression of the events' time) with events, per user. */
  private String sqlBy(EventsRelation events, String period, Function<List<String>, String> caseOver) {
    // The running totals are ordered by each period's first event time, which orders a user's periods as their starts
    // do: the planner writes the window into the grouping query, and H2 refuses an ORDER BY of the grouped
    // expression there but takes one of an aggregate.
    final StringBuilder perPeriod = new StringBuilder("SELECT " + events.user() + " AS \"user_id\", " + period
        + " AS \"period\", MIN(" + events.time() + ") AS \"first_at\"");
    final StringBuilder running = new StringBuilder("SELECT w.\"user_id\", w.\"period\", w.\"first_at\"");
    for (int k = 0; k < partials.size(); k++) {
      perPeriod.append(", ").append(partials.get(k)).append(" AS \"a").append(k).append('"');
      running.append(", ").append(combiners.get(k)).append("(w.\"a").append(k).append("\") OVER (PARTITION BY ")
          .append("w.\"user_id\" ORDER BY w.\"first_at\" ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS \"c")
          .append(k).append('"');
    }
    perPeriod.append(" FROM ").append(events.from()).append(" WHERE ").append(events.time()).append(" IS NOT NULL AND ")
        .append(events.user()).append(" IS NOT NULL GROUP BY ").append(events.user()).append(", ").append(period);
    running.append(" FROM (").append(perPeriod).append(") AS w");
    return "SELECT r.\"user_id\", r.\"period\", r.\"first_at\", " + caseOver.apply(conditions) + " AS \"segment\" "
        + "FROM (" + running + ") AS r";
  }

  /** Replaces each aggregate call with the running total {@code r.c<k>}, refusing what is not one. */
  private static final class Rewriter extends SqlShuttle {
    private final List<String> partials;
    private final List<String> combiners;
    private final List<String> overEvents;
    private boolean refused;

    Rewriter(List<String> partials, List<String> combiners, List<String> overEvents) {
      this.partials = partials;
      this.combiners = combiners;
      this.overEvents = overEvents;
    }

    @Override public @Nullable SqlNode visit(SqlCall call) {
      if (call instanceof SqlSelect || call.getKind() == SqlKind.OVER || call.getKind() == SqlKind.WITHIN_GROUP) {
        refused = true;
        return call;
      }
      final SqlCall aggregate = call.getKind() == SqlKind.FILTER ? (SqlCall) call.operand(0) : call;
      final String name = aggregate.getOperator().getName().toUpperCase(Locale.ROOT);
      if (!COMBINED_BY_SUM.contains(name) && !COMBINED_AS_THEMSELVES.contains(name)) {
        return super.visit(call);
      }
      if (aggregate.getFunctionQuantifier() != null
          && aggregate.getFunctionQuantifier().toValue().equalsIgnoreCase("DISTINCT")) {
        refused = true;
        return call;
      }
      final String partial = call.toSqlString(CalciteSqlDialect.DEFAULT).getSql();
      final int seen = partials.indexOf(partial);
      if (seen >= 0) {
        // The same call in two conditions (the same count against two thresholds) is one running total.
        return new SqlIdentifier(List.of("r", "c" + seen), SqlParserPos.ZERO);
      }
      partials.add(partial);
      combiners.add(COMBINED_BY_SUM.contains(name) ? "SUM" : name);
      overEvents.add((call.getKind() == SqlKind.FILTER ? FilterAsCase.of(call) : call)
          .toSqlString(CalciteSqlDialect.DEFAULT).getSql());
      return new SqlIdentifier(List.of("r", "c" + (partials.size() - 1)), SqlParserPos.ZERO);
    }
  }
}
