package dev.funnelsql.calcite.path;

import dev.funnelsql.calcite.schema.EventsRelation;
import dev.funnelsql.calcite.schema.SqlText;
import dev.funnelsql.functions.path.PathAccumulator;
import dev.funnelsql.functions.path.PathSpec;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Writes a path table as one query of window functions over the FunnelSQL catalog, which Calcite sends whole to a
 * store that computes it faster than its driver sends the events ({@code StoreCapabilities#pathWindows}): only the
 * edges come back, as {@code (depth, src, tgt, users, owners)} rows (the nodes unlabelled, {@code owners} the owners
 * with a path), for {@link PathTable} to label, share and order as {@link PathAccumulator} does.
 *
 * <p>It computes {@link PathAccumulator}'s definition, which its class documentation gives step by step:
 * <ul>
 *   <li>each owner's rows are numbered in (time, node) order ({@code ROW_NUMBER}), and without collapse also start
 *       rows first and end rows last among twins;</li>
 *   <li>with collapse, a row whose node differs from the previous row's ({@code LAG}) begins a node, and a count of
 *       those up to each row's (time, node), its peers included, gives every row its node's position, so that a start
 *       or end row inside a run marks the whole run; rows of equal time and node are one run whatever their order, so
 *       neither the flags nor the order of ties matter (where the conditions read only the event column, which is the
 *       node, every row of a run has the same flags, and the rows that begin a node, numbered, are enough);</li>
 *   <li>the beginning is the smallest position of a start row, the end the smallest position of an end row from
 *       there ({@code MIN} over the owner), and the nodes between them, cut to {@code steps}, get their depths;</li>
 *   <li>each depth's nodes are ranked by the owners (per session: the users) that have them there, ties by node, and
 *       those past {@code top} become {@value PathAccumulator#OTHER}; each node's successor ({@code LEAD}) makes the
 *       edge, counted per owner (per session: per distinct user).</li>
 * </ul>
 * Calcite merges a projection into the next one even where that nests one window function in another, which no
 * store runs; a filter that always holds ({@code WHERE "rn" > 0}) after each window layer keeps them apart, at no
 * cost to the store. The store must order text by code point and compare it byte by byte, as the accumulator does.
 */
final class PathWindowsSql {
  private final PathSpec spec;
  private final EventsRelation events;
  private final @Nullable String start;
  private final @Nullable String end;
  private final String node;
  /** The owner's partition: the user, or the user and the session. */
  private final String owner;
  private final boolean perSession;
  /**
   * Whether the start and end conditions are functions of the node (the event column, read by nothing else), so
   * that every row of a merged run has its first row's flags.
   */
  private final boolean flagsFollowNode;

  private PathWindowsSql(PathSpec spec, EventsRelation events, @Nullable String start, @Nullable String end,
      String node, boolean perSession) {
    this.spec = spec;
    this.events = events;
    this.start = start;
    this.end = end;
    this.node = node;
    this.perSession = perSession;
    this.owner = perSession ? "\"u\", \"s\"" : "\"u\"";
    this.flagsFollowNode = node.equals(events.event()) && (start == null || SqlText.readsOnly(start, node))
        && (end == null || SqlText.readsOnly(end, node));
  }

  /**
   * The query giving a path's edges.
   *
   * @param spec the path's spec
   * @param events the events, with the derived session if {@code perSession}
   * @param start the canonical start condition, or null
   * @param end the canonical end condition, or null
   * @param node the canonical node expression
   * @param perSession whether each session of a user is a path, each user counted once
   */
  static String of(PathSpec spec, EventsRelation events, @Nullable String start, @Nullable String end, String node,
      boolean perSession) {
    return new PathWindowsSql(spec, events, start, end, node, perSession).sql();
  }

  private String sql() {
    return "WITH \"o\" AS (" + numbered() + "),\n"
        + "\"c\" AS (" + positions() + "),\n"
        + "\"p\" AS (" + path() + "),\n"
        + "\"k\" AS (" + nodeCounts() + "),\n"
        + "\"q\" AS (SELECT " + owner + ", \"depth\", \"n\", \"owners\", DENSE_RANK() OVER (PARTITION BY \"depth\" "
        + "ORDER BY \"cnt\" DESC, \"n\") AS \"rk\" FROM \"k\" WHERE \"cnt\" > 0),\n"
        + "\"l\" AS (SELECT " + owner + ", \"depth\", \"owners\", CASE WHEN \"rk\" <= " + spec.top() + " THEN \"n\" "
        + "ELSE " + SqlText.literal(PathAccumulator.OTHER) + " END AS \"label\" FROM \"q\" WHERE \"rk\" > 0),\n"
        + "\"e\" AS (SELECT \"u\", \"depth\", \"owners\", \"label\" AS \"src\", LEAD(\"label\") OVER (PARTITION BY "
        + owner + " ORDER BY \"depth\") AS \"tgt\" FROM \"l\")\n"
        + "SELECT \"depth\", \"src\", \"tgt\", " + (perSession ? "COUNT(DISTINCT \"u\")" : "COUNT(*)")
        + " AS \"users\", \"owners\" FROM \"e\" WHERE \"tgt\" IS NOT NULL GROUP BY \"depth\", \"src\", \"tgt\", "
        + "\"owners\"";
  }

  /** Each owner's rows in order: the row number and, with collapse, the previous row's node. */
  private String numbered() {
    final String nodeText = "CAST(" + node + " AS VARCHAR)";
    String order = events.time() + ", " + nodeText;
    if (!spec.collapse()) {
      order += (start == null ? "" : ", " + flag(start) + " DESC") + (end == null ? "" : ", " + flag(end));
    }
    final String window = " OVER (PARTITION BY " + events.user()
        + (perSession ? ", " + events.session() : "") + " ORDER BY " + order + ")";
    return "SELECT " + events.user() + " AS \"u\", " + (perSession ? events.session() + " AS \"s\", " : "")
        + events.time() + " AS \"t\", " + nodeText + " AS \"n\", " + flag(start) + " AS \"st\", " + flag(end)
        + " AS \"en\", ROW_NUMBER()" + window
        + " AS \"rn\"" + (spec.collapse() ? ", LAG(" + nodeText + ")" + window + " AS \"pv\"" : "") + " FROM "
        + events.from() + " WHERE " + events.user() + " IS NOT NULL AND " + events.time() + " IS NOT NULL AND "
        + node + " IS NOT NULL";
  }

  /**
   * Each row's node position {@code pos}: without collapse every row is a node; with collapse only the rows that begin
   * a node ({@code rs}, which the path keeps) and the rows carrying a start or end flag are kept.
   */
  private String positions() {
    if (!spec.collapse()) {
      return "SELECT " + owner + ", \"n\", \"st\", \"en\", \"rn\" AS \"pos\" FROM \"o\" WHERE \"rn\" > 0";
    }
    final String begins = "CASE WHEN \"pv\" IS NULL OR \"pv\" <> \"n\" THEN 1 ELSE 0 END";
    if (flagsFollowNode) {
      // Only the rows that begin a node are kept, numbered in order (cheaper for the store than a running sum).
      return "SELECT " + owner + ", \"n\", \"st\", \"en\", " + begins + " AS \"rs\", ROW_NUMBER() OVER "
          + "(PARTITION BY " + owner + " ORDER BY \"rn\") AS \"pos\" FROM \"o\" WHERE \"rn\" > 0 AND (\"pv\" IS NULL "
          + "OR \"pv\" <> \"n\")";
    }
    // Counted over (time, node) with its peers, so every row of a tie gets its run's position whichever row of it
    // LAG saw first: rows of equal time and node are one run.
    return "SELECT " + owner + ", \"n\", \"st\", \"en\", " + begins + " AS \"rs\", SUM(" + begins + ") OVER "
        + "(PARTITION BY " + owner + " ORDER BY \"t\", \"n\" RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS "
        + "\"pos\" "
        + "FROM \"o\" WHERE \"rn\" > 0 AND (\"pv\" IS NULL OR \"pv\" <> \"n\"" + (start == null ? "" : " OR \"st\" = 1")
        + (end == null ? "" : " OR \"en\" = 1") + ")";
  }

  /** The nodes on each owner's path with their depth. */
  private String path() {
    final int steps = spec.steps();
    // Without collapse every row begins its node; a constant there would become a filter on a literal.
    final String begins = spec.collapse() ? "\"rs\" = 1 AND " : "";
    final String rs = spec.collapse() ? ", \"rs\"" : "";
    final String byOwner = " OVER (PARTITION BY " + owner + ")";
    if (start == null && end == null) {
      return "SELECT " + owner + ", \"n\", \"pos\" AS \"depth\" FROM \"c\" WHERE " + begins + "\"pos\" <= " + steps;
    }
    if (end == null) {
      return "SELECT " + owner + ", \"n\", \"pos\" - \"f\" + 1 AS \"depth\" FROM (SELECT " + owner
          + ", \"n\"" + rs + ", \"pos\", MIN(CASE WHEN \"st\" = 1 THEN \"pos\" END)" + byOwner + " AS \"f\" FROM \"c\" "
          + "WHERE \"pos\" > 0) AS \"b\" WHERE " + begins + "\"pos\" >= \"f\" AND \"pos\" < \"f\" + " + steps;
    }
    if (start == null) {
      final String from = "CASE WHEN \"g\" - " + steps + " + 1 > 1 THEN \"g\" - " + steps + " + 1 ELSE 1 END";
      return "SELECT " + owner + ", \"n\", \"pos\" - " + from + " + 1 AS \"depth\" FROM (SELECT " + owner
          + ", \"n\"" + rs + ", \"pos\", MIN(CASE WHEN \"en\" = 1 THEN \"pos\" END)" + byOwner + " AS \"g\" FROM \"c\" "
          + "WHERE \"pos\" > 0) AS \"b\" WHERE " + begins + "\"pos\" <= \"g\" AND \"pos\" >= \"g\" - " + steps
          + " + 1";
    }
    return "SELECT " + owner + ", \"n\", \"pos\" - \"f\" + 1 AS \"depth\" FROM (SELECT " + owner
        + ", \"n\"" + rs + ", \"pos\", \"f\", MIN(CASE WHEN \"en\" = 1 AND \"pos\" >= \"f\" THEN \"pos\" END)" + byOwner
        + " AS \"g\" FROM (SELECT " + owner + ", \"n\"" + rs + ", \"en\", \"pos\", "
        + "MIN(CASE WHEN \"st\" = 1 THEN \"pos\" END)" + byOwner + " AS \"f\" FROM \"c\" "
        + "WHERE \"pos\" > 0) AS \"b\" WHERE \"pos\" > 0) AS \"d\" WHERE " + begins
        + "\"pos\" >= \"f\" AND \"pos\" <= \"g\" AND \"g\" - \"f\" < " + steps;
  }

  /**
   * Per path node, the owners (per session: the users) with that node at that depth, {@code cnt}, and the owners
   * (users) with a path, {@code owners}.
   */
  private String nodeCounts() {
    if (!perSession) {
      return "SELECT \"u\", \"n\", \"depth\", COUNT(*) OVER (PARTITION BY \"depth\", \"n\") AS \"cnt\", "
          + "COUNT(CASE WHEN \"depth\" = 1 THEN 1 END) OVER () AS \"owners\" FROM \"p\"";
    }
    // A user counts once per node and depth whatever their sessions, and once among the users with a path.
    return "SELECT \"u\", \"s\", \"n\", \"depth\", SUM(CASE WHEN \"nth\" = 1 THEN 1 ELSE 0 END) OVER (PARTITION BY "
        + "\"depth\", \"n\") AS \"cnt\", SUM(CASE WHEN \"first\" = 1 THEN 1 ELSE 0 END) OVER () AS \"owners\" "
        + "FROM (SELECT \"u\", \"s\", \"n\", \"depth\", ROW_NUMBER() OVER (PARTITION BY \"depth\", \"n\", \"u\" ORDER "
        + "BY \"s\") AS \"nth\", ROW_NUMBER() OVER (PARTITION BY \"u\" ORDER BY \"depth\", \"s\") AS \"first\" "
        + "FROM \"p\") AS \"m\" WHERE \"nth\" > 0";
  }

  /** A condition as a 0/1 column (a NULL condition counts as false), or 0 without one. */
  static String flag(@Nullable String condition) {
    return condition == null ? "0" : "CASE WHEN " + condition + " THEN 1 ELSE 0 END";
  }
}
