package dev.funnelsql.examples.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * The hand-written SQL run directly on the stores, written for {@link FunnelShape} over
 * {@code events(user_id, ts, event_name)}. The same text runs on DuckDB, H2 and PostgreSQL (window frames,
 * {@code INTERVAL '7' DAY} and correlated subqueries are portable); which forms run on which store is
 * {@link #methods(StoreKind)}. Each returns {@code (level, users)} rows like FunnelSQL's query.
 */
final class BaselineQueries {
  private static final String FRAME = " OVER (PARTITION BY user_id ORDER BY ts, s ROWS BETWEEN UNBOUNDED PRECEDING"
      + " AND CURRENT ROW)";

  private BaselineQueries() {
  }

  /**
   * The hand-written methods of a store: B1 and first-touch everywhere, and on H2 also B2c (with the index on
   * {@code (user_id, event_name, ts)} that each store creates at load time): H2's window functions are slow and
   * its correlated index seeks are its best exact form.
   */
  static List<Method> methods(StoreKind store) {
    return store == StoreKind.H2 ? List.of(Method.B1, Method.B2C, Method.FIRST_TOUCH)
        : List.of(Method.B1, Method.FIRST_TOUCH);
  }

  /** The SQL of a hand-written method. */
  static String sql(Method method) {
    switch (method) {
      case B1:
        return latestStartWindowDp();
      case B2C:
        return correlatedMinChain();
      case FIRST_TOUCH:
        return firstTouch();
      case FETCH:
        return fetchStepRows();
      case FETCH_MASK:
        return fetchStepMasks();
      case FETCH_ARROW:
        return fetchStepMasksAsNumbers();
      default:
        throw new IllegalArgumentException("not a hand-written method: " + method);
    }
  }

  /**
   * B1: per row, the latest step-1 start so far ({@code st1}), the latest start of a chain that reached step 2
   * within the window ({@code st2}), …; a user's level is the best any row completes. One sort by (user, ts, step)
   * and one window pass per step.
   */
  static String latestStartWindowDp() {
    return latestStartLevels() + "SELECT lvl, COUNT(*) FROM lv GROUP BY lvl";
  }

  /**
   * B1's common table expressions up to {@code lv(user_id, lvl)}, each user's level (0 for users with step rows but
   * no step 1), ending with a newline: a query over {@code lv} follows.
   */
  static String latestStartLevels() {
    final int n = FunnelShape.steps();
    final StringBuilder sql = new StringBuilder("WITH e AS (\n  SELECT user_id, ts, CASE event_name");
    for (int i = 0; i < n; i++) {
      sql.append(" WHEN ").append(FunnelShape.step(i)).append(" THEN ").append(i);
    }
    sql.append(" END AS s\n  FROM events WHERE event_name IN (").append(FunnelShape.inList()).append(")),\n");
    sql.append("l1 AS (\n  SELECT user_id, ts, s, MAX(CASE WHEN s = 0 THEN ts END)").append(FRAME)
        .append(" AS st1\n  FROM e)");
    final List<String> carried = new ArrayList<>(List.of("st1"));
    for (int level = 2; level < n; level++) {
      sql.append(",\nl").append(level).append(" AS (\n  SELECT user_id, ts, s, ")
          .append(String.join(", ", carried))
          .append(", MAX(CASE WHEN s = ").append(level - 1).append(" AND ts <= st").append(level - 1)
          .append(" + ").append(FunnelShape.WINDOW).append(" THEN st").append(level - 1).append(" END)")
          .append(FRAME).append(" AS st").append(level).append("\n  FROM l").append(level - 1).append(")");
      carried.add("st" + level);
    }
    sql.append(",\nlv AS (\n  SELECT user_id, MAX(CASE");
    for (int s = n - 1; s >= 1; s--) {
      sql.append(" WHEN s = ").append(s).append(" AND ts <= st").append(s).append(" + ")
          .append(FunnelShape.WINDOW)
          .append(" THEN ").append(s + 1);
    }
    sql.append(" WHEN s = 0 THEN 1 ELSE 0 END) AS lvl\n  FROM l").append(n - 1).append(" GROUP BY user_id)\n");
    return sql.toString();
  }

  /**
   * B2c: for every distinct step-1 event, the earliest step 2 at or after it within the window, then the earliest
   * step 3 at or after that, … (greedy per start is optimal); a user's level is the best over starts. Each step is
   * a correlated {@code MIN} subquery, an index range seek with {@code (user_id, event_name, ts)}.
   */
  static String correlatedMinChain() {
    final int n = FunnelShape.steps();
    final StringBuilder sql = new StringBuilder("WITH c1 AS (SELECT DISTINCT user_id, ts AS t1 FROM events WHERE "
        + "event_name = " + FunnelShape.step(0) + ")");
    for (int k = 2; k <= n; k++) {
      sql.append(",\nc").append(k).append(" AS (SELECT user_id, ").append(times(k - 1))
          .append(", (SELECT MIN(b.ts)"
          + " FROM events b WHERE b.user_id = c").append(k - 1).append(".user_id AND b.event_name = ")
          .append(FunnelShape.step(k - 1)).append(" AND b.ts >= c").append(k - 1).append(".t").append(k - 1)
          .append(" AND b.ts <= c").append(k - 1).append(".t1 + ").append(FunnelShape.WINDOW).append(") AS t")
          .append(k).append(" FROM c").append(k - 1).append(")");
    }
    return sql.append(",\nlv AS (SELECT user_id, MAX(").append(levelOfTimes(n)).append(") AS lvl FROM c").append(n)
        .append(" GROUP BY user_id)\nSELECT lvl, COUNT(*) FROM lv GROUP BY lvl").toString();
  }

  /**
   * The first-touch shortcut as it is commonly written: each user's first step-1 event, the first step 2 after it
   * within the window, and so on. Later starts are ignored, so users whose first start does not convert but a
   * later one does are undercounted.
   */
  static String firstTouch() {
    final int n = FunnelShape.steps();
    final StringBuilder sql = new StringBuilder("WITH f1 AS (SELECT user_id, MIN(ts) AS t1 FROM events WHERE "
        + "event_name = " + FunnelShape.step(0) + " GROUP BY user_id)");
    for (int k = 2; k <= n; k++) {
      final String previous = times(k - 1).replace("t", "f.t");
      sql.append(",\nf").append(k).append(" AS (SELECT f.user_id, ").append(previous).append(", MIN(e.ts) AS t")
          .append(k).append(" FROM f").append(k - 1).append(" f LEFT JOIN events e ON e.user_id = f.user_id AND "
          + "e.event_name = ").append(FunnelShape.step(k - 1)).append(" AND e.ts >= f.t").append(k - 1)
          .append(" AND e.ts <= f.t1 + ").append(FunnelShape.WINDOW).append(" GROUP BY f.user_id, ")
          .append(previous).append(")");
    }
    return sql.append("\nSELECT lvl, COUNT(*) FROM (SELECT ").append(levelOfTimes(n)).append(" AS lvl FROM f")
        .append(n).append(") x GROUP BY lvl").toString();
  }

  /** (c): the step rows, unsorted, as a client-side method must read them. */
  static String fetchStepRows() {
    return "SELECT user_id, ts, event_name FROM events WHERE event_name IN (" + FunnelShape.inList() + ")";
  }

  /** (c'): the step rows with the step mask instead of the event name, the shape of FunnelSQL's store query. */
  static String fetchStepMasks() {
    return fetchStepMasks("ts");
  }

  /**
   * (c''): the step rows as FunnelSQL's store query on DuckDB returns them: the time as epoch milliseconds (its
   * microseconds divided by 1000, rounding down) and the step mask. DuckDB's SQL.
   */
  static String fetchStepMasksAsNumbers() {
    return fetchStepMasks("divide(epoch_us(ts) - CASE WHEN epoch_us(ts) < 0 THEN 999 ELSE 0 END, 1000)");
  }

  /** The step rows with the step mask, the time as {@code time}. */
  private static String fetchStepMasks(String time) {
    final List<String> bits = new ArrayList<>();
    for (int i = 0; i < FunnelShape.steps(); i++) {
      bits.add("CASE WHEN event_name = " + FunnelShape.step(i) + " THEN " + (1 << i) + " ELSE 0 END");
    }
    return "SELECT user_id, " + time + ", " + String.join(" + ", bits) + " AS mask FROM events WHERE event_name IN ("
        + FunnelShape.inList() + ")";
  }

  /** {@code t1, t2, …, t<k>}. */
  private static String times(int k) {
    final List<String> names = new ArrayList<>();
    for (int i = 1; i <= k; i++) {
      names.add("t" + i);
    }
    return String.join(", ", names);
  }

  /** {@code CASE WHEN t<n> IS NOT NULL THEN n … ELSE 1 END}. */
  private static String levelOfTimes(int n) {
    final StringBuilder sql = new StringBuilder("CASE");
    for (int k = n; k >= 2; k--) {
      sql.append(" WHEN t").append(k).append(" IS NOT NULL THEN ").append(k);
    }
    return sql.append(" ELSE 1 END").toString();
  }
}
