package dev.funnelsql.calcite.segment;

import dev.funnelsql.calcite.schema.EventsRelation;
import dev.funnelsql.calcite.schema.ViewTables;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.sql.type.SqlTypeName;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The health of a segmentation ({@code segments.<s>_check}), from one store query over every user with events: how
 * many segments hold users (a warning outside 3 to 8, the range a team can act on), each segment's users (a warning
 * for an empty one), the users in no segment (a warning: the segmentation is not exhaustive), and for a
 * {@link FirstMatchRules rules} segmentation the users for whom two rules hold (a warning when neither rule holds for
 * all users of the other, so that the rule order, not a threshold, decides) and for whom none does. Rows have
 * {@code finding}, {@code segment}, {@code other_segment}, {@code users}, {@code segments} and {@code warning} (NULL
 * when all is well).
 */
public final class SegmentationCheck {
  /** The fewest segments a segmentation should have. */
  public static final int FEWEST_SEGMENTS = 3;
  /** The most segments a segmentation should have. */
  public static final int MOST_SEGMENTS = 8;

  private final Segmentation segmentation;
  private final @Nullable FirstMatchRules rules;
  private final String sql;

  /** The check of a segmentation over the events. */
  public SegmentationCheck(Segmentation segmentation, EventsRelation events) {
    this.segmentation = segmentation;
    this.rules = segmentation.firstMatchRules();
    this.sql = rules == null ? segmentSizesSql(segmentation, events) : ruleFlagsSql(rules, events);
  }

  /** The row type of the check's table. */
  static RelDataType rowType(RelDataTypeFactory typeFactory) {
    final RelDataType text = ViewTables.nullable(typeFactory, SqlTypeName.VARCHAR);
    final RelDataType count = ViewTables.nullable(typeFactory, SqlTypeName.BIGINT);
    return typeFactory.builder().add("finding", text).add("segment", text).add("other_segment", text)
        .add("users", count).add("segments", count).add("warning", text).build();
  }

  /** Runs the check's store query through {@code connection} and gives its rows. */
  public List<@Nullable Object[]> run(Connection connection) throws SQLException {
    return run(connection, 0);
  }

  /**
   * Runs the check's store query through {@code connection}, for at most {@code timeoutSeconds} (none if 0), and
   * gives its rows.
   */
  public List<@Nullable Object[]> run(Connection connection, int timeoutSeconds) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.setQueryTimeout(timeoutSeconds);
      try (ResultSet result = statement.executeQuery(sql)) {
        return rules == null ? fromSizes(result) : fromFlags(result, rules);
      }
    }
  }

  /** The warnings of the check's rows, in row order. */
  public static List<String> warnings(List<@Nullable Object[]> rows) {
    final List<String> warnings = new ArrayList<>();
    rows.forEach(row -> {
      if (row[5] != null) {
        warnings.add((String) row[5]);
      }
    });
    return warnings;
  }

  /** Users per segment (NULL: no segment) of every user with events, as other kinds give it. */
  private static String segmentSizesSql(Segmentation segmentation, EventsRelation events) {
    return "SELECT a.\"segment\", COUNT(*) FROM (" + KindSql.everyUser(events, segmentation.membershipSql(events))
        + ") AS a GROUP BY a.\"segment\"";
  }

  /**
   * Users per combination of rule flags (at most 2<sup>rules</sup> rows): whether each rule holds for a user, a NULL
   * condition counting as false as in the segmentation's CASE.
   */
  private static String ruleFlagsSql(FirstMatchRules rules, EventsRelation events) {
    final StringBuilder flags = new StringBuilder("SELECT ");
    final StringBuilder keys = new StringBuilder();
    for (int i = 0; i < rules.conditions().size(); i++) {
      flags.append(i == 0 ? "" : ", ").append("CASE WHEN ").append(rules.conditions().get(i))
          .append(" THEN 1 ELSE 0 END AS \"m").append(i).append('"');
      keys.append(i == 0 ? "" : ", ").append("f.\"m").append(i).append('"');
    }
    flags.append(" FROM ").append(events.from()).append(" WHERE ").append(events.user()).append(" IS NOT NULL")
        .append(" GROUP BY ").append(events.user());
    return "SELECT " + keys + ", COUNT(*) FROM (" + flags + ") AS f GROUP BY " + keys;
  }

  private List<@Nullable Object[]> fromSizes(ResultSet result) throws SQLException {
    final Map<String, Long> sizes = declaredSizes();
    long none = 0;
    while (result.next()) {
      final @Nullable String segment = result.getString(1);
      if (segment == null) {
        none += result.getLong(2);
      } else {
        sizes.merge(segment, result.getLong(2), Long::sum);
      }
    }
    return rows(sizes, none, List.of());
  }

  private List<@Nullable Object[]> fromFlags(ResultSet result, FirstMatchRules rules) throws SQLException {
    final int count = rules.conditions().size();
    final Map<String, Long> sizes = declaredSizes();
    final long[][] both = new long[count][count];
    final long[] holding = new long[count];
    long none = 0;
    long noRule = 0;
    while (result.next()) {
      final boolean[] holds = new boolean[count];
      int first = -1;
      for (int i = 0; i < count; i++) {
        holds[i] = result.getInt(i + 1) == 1;
        first = first < 0 && holds[i] ? i : first;
      }
      final long users = result.getLong(count + 1);
      for (int i = 0; i < count; i++) {
        holding[i] += holds[i] ? users : 0;
        for (int j = i + 1; j < count; j++) {
          both[i][j] += holds[i] && holds[j] ? users : 0;
        }
      }
      final @Nullable String segment = first >= 0 ? rules.segments().get(first) : rules.otherwise();
      noRule += first < 0 ? users : 0;
      if (segment == null) {
        none += users;
      } else {
        sizes.merge(segment, users, Long::sum);
      }
    }
    final List<@Nullable Object[]> ruleRows = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      for (int j = i + 1; j < count; j++) {
        final String rule = rules.segments().get(i);
        // Nested rules (thresholds on one measure: everyone meeting one meets the other) overlap by design.
        final boolean partial = both[i][j] > 0 && both[i][j] < Math.min(holding[i], holding[j]);
        ruleRows.add(row("overlap", rule, rules.segments().get(j), both[i][j], null, !partial ? null
            : both[i][j] + " users meet the rules of '" + rule + "' and '" + rules.segments().get(j) + "', and "
            + "neither rule holds for all users of the other; the rule order puts them in '" + rule + "'"));
      }
    }
    ruleRows.add(row("no rule", null, null, noRule, null, null));
    return rows(sizes, none, ruleRows);
  }

  /** The segments the segmentation lists, each with no users yet, in display order. */
  private Map<String, Long> declaredSizes() {
    final Map<String, Long> sizes = new LinkedHashMap<>();
    segmentation.segments().forEach(segment -> sizes.put(segment, 0L));
    return sizes;
  }

  private List<@Nullable Object[]> rows(Map<String, Long> sizes, long none, List<@Nullable Object[]> ruleRows) {
    // Listed segments in their order, then the others (an open set such as property values) by name.
    final Map<String, Long> others = new TreeMap<>();
    final Map<String, Long> ordered = new LinkedHashMap<>();
    sizes.forEach((segment, users) -> (segmentation.segments().contains(segment) ? ordered : others)
        .put(segment, users));
    ordered.putAll(others);
    final long holding = ordered.values().stream().filter(users -> users > 0).count();
    final long total = ordered.values().stream().mapToLong(Long::longValue).sum() + none;
    final List<@Nullable Object[]> rows = new ArrayList<>();
    rows.add(row("segment count", null, null, total, holding, holding >= FEWEST_SEGMENTS
        && holding <= MOST_SEGMENTS ? null : (holding == 1 ? "1 segment holds" : holding + " segments hold")
        + " users; " + FEWEST_SEGMENTS + " to " + MOST_SEGMENTS + " are what a team can act on"));
    ordered.forEach((segment, users) -> rows.add(row("segment", segment, null, users, null,
        users > 0 ? null : "no user is in segment '" + segment + "'")));
    rows.add(row("no segment", null, null, none, null, none == 0 ? null : none + " users are in no segment; "
        + (rules != null ? "an otherwise: segment" : "a segment for them") + " would make it exhaustive"));
    rows.addAll(ruleRows);
    return rows;
  }

  private static @Nullable Object[] row(String finding, @Nullable String segment, @Nullable String other,
      long users, @Nullable Long segments, @Nullable String warning) {
    return new Object[] {finding, segment, other, users, segments, warning};
  }
}
