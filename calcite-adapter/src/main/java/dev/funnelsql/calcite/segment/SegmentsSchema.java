package dev.funnelsql.calcite.segment;

import dev.funnelsql.calcite.schema.EventsRelation;
import dev.funnelsql.calcite.schema.EventsSource;
import dev.funnelsql.calcite.schema.SqlText;
import dev.funnelsql.calcite.schema.ViewTables;
import java.sql.Connection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.calcite.DataContext;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.schema.Table;
import org.apache.calcite.schema.impl.AbstractSchema;
import org.apache.calcite.sql.type.SqlTypeName;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The {@code segments} schema: for each segmentation of the model, the tables {@code <name>} (user, segment),
 * {@code <name>_sizes} (segment, users, share), {@code <name>_history} and {@code <name>_trend} (the segmentation at
 * the end of each period, see {@link SegmentHistoryTable}; when the time column is a timestamp),
 * {@code <name>_transitions} (when the kind computes memberships per period), {@code <name>_check} (the
 * segmentation's health, see {@link SegmentationCheck}) and {@code <name>_tipping_points} (when the segmentation
 * has {@code tipping_point:}); and the membership lookups behind {@code SEGMENT_OF}.
 *
 * <p>{@code <name>_transitions} ({@code from_period}, {@code to_period}, {@code from_segment}, {@code to_segment},
 * {@code users}): the periods are {@code PERIOD_START(time, period)} of the segmentation's {@code period:} (default
 * week); {@code to_period} is the period right after {@code from_period}. Each user (not NULL) with events in P or in
 * P+1 counts once for (P, P+1), for every consecutive pair with both P and P+1 within the periods of the first and
 * the last event time; the segment in a period where the user has no event is the literal {@value #NO_ACTIVITY} (a
 * user's first period thus comes in from it and their last one goes out to it, unless they lie at the data's edge).
 * Pairs in which the user has no event in either period are left out. A user with events but no segment in a
 * period (a non-exhaustive segmentation) has a NULL segment there.
 */
public final class SegmentsSchema extends AbstractSchema {
  /** The schema's name in the catalog. */
  public static final String NAME = "segments";

  /** The segment of a user in a period in which they have no event, in {@code <name>_transitions}. */
  public static final String NO_ACTIVITY = "(no activity)";

  private final EventsSource events;
  private final Map<String, Segmentation> segmentations;
  private final MembershipCache cache;
  private final Map<String, Table> tables = new LinkedHashMap<>();

  /** Creates the schema for the model's segmentations, in model order. */
  public SegmentsSchema(EventsSource events, List<Segmentation> segmentations, MembershipCache cache) {
    this.events = events;
    this.segmentations = new LinkedHashMap<>();
    for (Segmentation segmentation : segmentations) {
      this.segmentations.put(segmentation.name(), segmentation);
    }
    this.cache = cache;
    for (Segmentation segmentation : segmentations) {
      addTables(segmentation);
    }
  }

  private void addTables(Segmentation segmentation) {
    final String name = segmentation.name();
    tables.put(name, ViewTables.of(segmentation.membershipSql(events.relation(null)),
        typeFactory -> typeFactory.builder()
            .add("user_id", events.userType(typeFactory))
            .add("segment", ViewTables.nullable(typeFactory, SqlTypeName.VARCHAR))
            .build(), events.schemaPath(), List.of(NAME, name)));
    final String members = SqlText.identifier(NAME) + "." + SqlText.identifier(name);
    tables.put(name + "_sizes", ViewTables.of("SELECT \"segment\", COUNT(*) AS \"users\", "
        + "CAST(COUNT(*) AS DOUBLE) / SUM(COUNT(*)) OVER () AS \"share\" FROM " + members + " GROUP BY \"segment\"",
        typeFactory -> typeFactory.builder()
            .add("segment", ViewTables.nullable(typeFactory, SqlTypeName.VARCHAR))
            .add("users", SqlTypeName.BIGINT)
            .add("share", SqlTypeName.DOUBLE)
            .build(), events.schemaPath(), List.of(NAME, name + "_sizes")));
    final EventsRelation relation = events.relation(null);
    String byPeriod;
    try {
      byPeriod = segmentation.membershipByPeriodSql(relation, segmentation.period());
    } catch (UnsupportedOperationException e) {
      byPeriod = null;
    }
    if (byPeriod != null) {
      tables.put(name + "_transitions", ViewTables.of(transitionsSql(relation, byPeriod, segmentation.period()),
          typeFactory -> typeFactory.builder()
              .add("from_period", ViewTables.nullable(typeFactory, SqlTypeName.TIMESTAMP))
              .add("to_period", ViewTables.nullable(typeFactory, SqlTypeName.TIMESTAMP))
              .add("from_segment", ViewTables.nullable(typeFactory, SqlTypeName.VARCHAR))
              .add("to_segment", ViewTables.nullable(typeFactory, SqlTypeName.VARCHAR))
              .add("users", ViewTables.nullable(typeFactory, SqlTypeName.BIGINT))
              .build(), events.schemaPath(), List.of(NAME, name + "_transitions")));
    }
    if (events.temporalTime()) {
      tables.put(name + "_history", SegmentHistoryTable.history(events, segmentation));
      tables.put(name + "_trend", SegmentHistoryTable.trend(events, segmentation));
    }
    tables.put(name + "_check", new SegmentCheckTable(new SegmentationCheck(segmentation, relation)));
    final @Nullable TippingPoint tippingPoint = segmentation.tippingPoint();
    if (tippingPoint != null) {
      tables.put(name + "_tipping_points", ViewTables.of(tippingPoint.sql(relation), typeFactory -> {
        final RelDataType bigint = ViewTables.nullable(typeFactory, SqlTypeName.BIGINT);
        final RelDataType rate = ViewTables.nullable(typeFactory, SqlTypeName.DOUBLE);
        return typeFactory.builder()
            .add("threshold", ViewTables.nullable(typeFactory, SqlTypeName.INTEGER))
            .add("users_at_or_above", bigint)
            .add("outcome_rate_at_or_above", rate)
            .add("users_below", bigint)
            .add("outcome_rate_below", rate)
            .add("lift", rate)
            .add("chosen", ViewTables.nullable(typeFactory, SqlTypeName.BOOLEAN))
            .build();
      }, events.schemaPath(), List.of(NAME, name + "_tipping_points")));
    }
  }

  /**
   * The SQL of {@code <name>_transitions} over a per-period membership query (see the class comment): the pairs of
   * {@link #pairsByNeighbours} (or, on a store that takes no grouped expression in a window, {@link #pairsByUser})
   * within the bounds, counted. The bounds are compared as {@link KindSql#notBefore} does, for H2's join order.
   */
  static String transitionsSql(EventsRelation events, String byPeriod, String unit) {
    final String step = KindSql.step(unit);
    final String memberships = "SELECT m.\"user_id\", m.\"period\", m.\"segment\" FROM (" + byPeriod + ") AS m "
        + "WHERE m.\"user_id\" IS NOT NULL AND m.\"period\" IS NOT NULL";
    final String pairs = events.groupKeysInWindows() ? pairsByNeighbours(memberships, step)
        : pairsByUser(memberships, step);
    final String literalUnit = SqlText.literal(unit);
    final String bounds = "SELECT PERIOD_START(MIN(" + events.time() + "), " + literalUnit + ") AS \"lo\", "
        + "PERIOD_START(MAX(" + events.time() + "), " + literalUnit + ") AS \"hi\" FROM " + events.from()
        + " WHERE " + events.user() + " IS NOT NULL";
    return "SELECT t.\"from_period\", t.\"to_period\", t.\"from_segment\", t.\"to_segment\", "
        + "CAST(COUNT(*) AS BIGINT) AS \"users\" FROM (" + bounds + ") AS r CROSS JOIN (" + pairs + ") AS t "
        + "WHERE " + KindSql.notBefore("t.\"from_period\"", "r.\"lo\"", literalUnit) + " AND "
        + KindSql.notBefore("r.\"hi\"", "t.\"to_period\"", literalUnit)
        + " GROUP BY t.\"from_period\", t.\"to_period\", t.\"from_segment\", t.\"to_segment\"";
  }

  /**
   * Each user's pairs ({@code from_period}, {@code to_period}, {@code from_segment}, {@code to_segment}) in one pass
   * over the memberships, as hand-written SQL takes them: each membership row (user, P) learns the user's previous
   * and next period and the next one's segment ({@code LAG}, {@code LEAD}) and is taken twice (crossed with the values
   * 0 and 1, so that the store computes the memberships once): as the "from" side of (P, P+1), whose "to" side is the
   * next row's segment when that row is P+1 and {@value #NO_ACTIVITY} otherwise; and, only where the user has no row
   * for P-1, as the "to" side of (P-1, P), coming in from {@value #NO_ACTIVITY}.
   */
  private static String pairsByNeighbours(String memberships, String step) {
    final String window = " OVER (PARTITION BY m.\"user_id\" ORDER BY m.\"period\")";
    final String neighbours = "SELECT m.\"period\", m.\"segment\", LAG(m.\"period\")" + window + " AS \"before\", "
        + "LEAD(m.\"period\")" + window + " AS \"after\", LEAD(m.\"segment\")" + window + " AS \"next\" FROM ("
        + memberships + ") AS m";
    final String none = SqlText.varchar(NO_ACTIVITY);
    final String going = "u.\"to\" = 0";
    return "SELECT CASE WHEN " + going + " THEN u.\"period\" ELSE u.\"period\" - " + step + " END AS "
        + "\"from_period\", CASE WHEN " + going + " THEN u.\"period\" + " + step + " ELSE u.\"period\" END AS "
        + "\"to_period\", CASE WHEN " + going + " THEN u.\"segment\" ELSE " + none + " END AS \"from_segment\", "
        + "CASE WHEN u.\"to\" = 1 THEN u.\"segment\" WHEN u.\"after\" = u.\"period\" + " + step + " THEN u.\"next\" "
        + "ELSE " + none + " END AS \"to_segment\" FROM (SELECT n.\"period\", n.\"segment\", n.\"before\", "
        + "n.\"after\", n.\"next\", d.\"to\" FROM (" + neighbours + ") AS n CROSS JOIN (VALUES (0), (1)) AS d(\"to\")) "
        + "AS u WHERE " + going + " OR u.\"before\" IS NULL OR u.\"before\" <> u.\"period\" - " + step;
  }

  /**
   * The pairs of {@link #pairsByNeighbours} in groupings only, for the stores that take no grouped expression in a
   * window (H2, which fails on the window Calcite's SQL writer makes over a membership query, and Spark): each
   * membership row (user, P) is taken twice (crossed with the values 0 and 1), as the "from" side of the pair
   * (P, P+1) and as the "to" side of (P-1, P); grouping by user and pair then puts both sides of a pair on one row,
   * and a side without a row is {@value #NO_ACTIVITY}. The shifted periods are computed over the union's plain
   * columns and are themselves group keys, never expressions over grouped calendar values, which H2 cannot evaluate.
   */
  private static String pairsByUser(String memberships, String step) {
    final String sides = "SELECT s.\"user_id\", s.\"period\", s.\"segment\", d.\"to\" FROM (" + memberships
        + ") AS s CROSS JOIN (VALUES (0), (1)) AS d(\"to\")";
    final String fromPeriod = "CASE WHEN u.\"to\" = 0 THEN u.\"period\" ELSE u.\"period\" - " + step + " END";
    final String toPeriod = "CASE WHEN u.\"to\" = 0 THEN u.\"period\" + " + step + " ELSE u.\"period\" END";
    final String grouped = "SELECT " + fromPeriod + " AS \"from_period\", " + toPeriod + " AS \"to_period\", "
        + "MIN(u.\"to\") AS \"from_missing\", MAX(CASE WHEN u.\"to\" = 0 THEN u.\"segment\" END) AS \"from_segment\", "
        + "MAX(u.\"to\") AS \"to_active\", MAX(CASE WHEN u.\"to\" = 1 THEN u.\"segment\" END) AS \"to_segment\" "
        + "FROM (" + sides + ") AS u GROUP BY u.\"user_id\", " + fromPeriod + ", " + toPeriod;
    final String none = SqlText.varchar(NO_ACTIVITY);
    return "SELECT g.\"from_period\", g.\"to_period\", "
        + "CASE WHEN g.\"from_missing\" = 1 THEN " + none + " ELSE g.\"from_segment\" END AS \"from_segment\", "
        + "CASE WHEN g.\"to_active\" = 0 THEN " + none + " ELSE g.\"to_segment\" END AS \"to_segment\" "
        + "FROM (" + grouped + ") AS g";
  }

  @Override protected Map<String, Table> getTableMap() {
    return tables;
  }

  /** The segmentation of that name, or null. */
  public @Nullable Segmentation segmentation(String name) {
    return segmentations.get(name);
  }

  /** The names of the segmentations, in model order. */
  public List<String> segmentationNames() {
    return List.copyOf(segmentations.keySet());
  }

  /** The implementation of {@code SEGMENT_OF}, called by generated code. */
  public static @Nullable String segmentOf(DataContext context, String segmentation, @Nullable Object user,
      @Nullable Object asOf, long asOfScale) {
    if (user == null) {
      return null;
    }
    final @Nullable SchemaPlus root = context.getRootSchema();
    final @Nullable SchemaPlus segments = root == null ? null : root.subSchemas().get(NAME);
    final @Nullable SegmentsSchema schema = segments == null ? null : segments.unwrap(SegmentsSchema.class);
    if (schema == null) {
      throw new IllegalStateException("SEGMENT_OF needs a model with segmentations");
    }
    return schema.lookup((Connection) context.getQueryProvider(), segmentation, user, asOf, asOfScale);
  }

  private @Nullable String lookup(Connection connection, String name, Object user, @Nullable Object asOf,
      long asOfScale) {
    final Segmentation segmentation = segmentations.get(name);
    if (segmentation == null) {
      throw new IllegalStateException("no segmentation '" + name + "'");
    }
    final @Nullable String asOfSql = asOf == null ? null
        : "TIMESTAMP '" + KindSql.timestampText(((Number) asOf).longValue() * asOfScale) + "'";
    final String sql = segmentation.membershipSql(events.relation(asOfSql));
    return cache.segmentOf(connection, name + "@" + asOfSql, sql, user);
  }

}
