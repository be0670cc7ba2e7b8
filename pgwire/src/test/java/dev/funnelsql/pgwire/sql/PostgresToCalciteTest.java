package dev.funnelsql.pgwire.sql;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The PostgreSQL spellings BI tools send, translated into the SQL FunnelSQL's Calcite parser takes. */
class PostgresToCalciteTest {
  private static String translate(String sql) {
    return PostgresToCalcite.translate(Statements.split(sql).get(0)).sql();
  }

  @Test
  void postfixCastsBecomeStandardCastsOfTheRightOperand() {
    assertEquals("SELECT CAST(a.b AS INTEGER), CAST(f(x, 1) AS BIGINT), CAST((x + 1) AS DOUBLE), CAST(? AS VARCHAR)",
        translate("SELECT a.b::int4, f(x, 1)::int8, (x + 1)::double precision, $1::text"));
    assertEquals("SELECT CAST(CAST(x AS VARCHAR) AS INTEGER)", translate("SELECT x::text::integer"));
    assertEquals("SELECT CAST(x AS VARCHAR(10)), CAST(y AS DECIMAL(10,2)), CAST(z AS DECIMAL(19, 6))",
        translate("SELECT x::character varying(10), y::numeric(10,2), z::numeric"));
    assertEquals("SELECT CAST(x AS TIMESTAMP(3)), CAST(y AS TIMESTAMP(3))",
        translate("SELECT x::timestamp without time zone, y::pg_catalog.timestamptz"));
    assertEquals("SELECT CAST(\"Col\" AS BOOLEAN) FROM t", translate("SELECT \"Col\"::bool FROM t"));
  }

  @Test
  void dateAndTimeLiteralsLoseTheirTimeZoneSuffixAsPostgreSqlReadsThem() {
    assertEquals("SELECT DATE '2026-01-02', TIMESTAMP '2026-01-02 03:04:05.123', TIMESTAMP '2026-01-01 22:04:05'",
        translate("SELECT '2026-01-02 +00'::date, ('2026-01-02 03:04:05.123+00')::timestamp, "
            + "'2026-01-02 03:04:05+05'::timestamptz"));
  }

  @Test
  void supersetTimeGrainsBecomeFunnelSqlCalendarPeriods() {
    assertEquals("SELECT PERIOD_START(t.ts, 'day') AS \"__timestamp\" FROM t GROUP BY PERIOD_START(t.ts, 'week')",
        translate("SELECT DATE_TRUNC('day', t.ts) AS __timestamp FROM t GROUP BY date_trunc('week', t.ts)"));
    assertEquals("SELECT TIMESTAMPADD(MONTH, 1 - EXTRACT(MONTH FROM ts), PERIOD_START(ts, 'month'))",
        translate("SELECT DATE_TRUNC('YEAR', ts)"));
    assertEquals("SELECT PERIOD_START(CURRENT_TIMESTAMP, 'day') AS \"__timestamp\"",
        translate("SELECT DATE_TRUNC('day', now()) AS __timestamp"));
    assertEquals("SELECT DATE_TRUNC('decade', ts)", translate("SELECT DATE_TRUNC('decade', ts)"));
  }

  @Test
  void supersetFilterLiteralsBecomeTimestampAndDateLiterals() {
    assertEquals("SELECT * FROM t WHERE ts >= TIMESTAMP '2026-01-01 00:00:00.000000' AND d < DATE '2026-02-01'",
        translate("SELECT * FROM t WHERE ts >= TO_TIMESTAMP('2026-01-01 00:00:00.000000', "
            + "'YYYY-MM-DD HH24:MI:SS.US') AND d < TO_DATE('2026-02-01', 'YYYY-MM-DD')"));
    assertEquals("SELECT TO_TIMESTAMP(x, 'YYYY')", translate("SELECT TO_TIMESTAMP(x, 'YYYY')"));
  }

  @Test
  void aliasesAndAggregateNamesUsedAsNamesAreQuotedInLowerCase() {
    assertEquals("SELECT COUNT(*) AS \"count\", x AS \"value\" FROM t ORDER BY \"count\" DESC",
        translate("SELECT COUNT(*) AS count, x AS Value FROM t ORDER BY count DESC"));
    assertEquals("SELECT CAST(x AS integer) FROM t", translate("SELECT CAST(x AS integer) FROM t"));
    assertEquals("WITH w AS (SELECT 1) SELECT * FROM w", translate("WITH w AS (SELECT 1) SELECT * FROM w"));
  }

  @Test
  void parametersBecomeMarkersRepeatedAsOftenAsTheyOccur() {
    final CalciteSql sql = PostgresToCalcite.translate(Statements.split(
        "SELECT * FROM t WHERE a = $2 AND b = $1 OR c = $2 AND d = '$1'").get(0));
    assertEquals("SELECT * FROM t WHERE a = ? AND b = ? OR c = ? AND d = '$1'", sql.sql());
    assertArrayEquals(new int[] {2, 1, 2}, sql.parameterOrder());
    assertEquals(2, sql.parameterCount());
    assertEquals("SELECT * FROM t WHERE a = 'x' AND b = 7 OR c = 'x' AND d = '$1'",
        sql.withLiterals(List.of("'x'", "7", "'x'")));
  }

  @Test
  void otherPostgreSqlSpellings() {
    assertEquals("EXPLAIN PLAN FOR SELECT 1", translate("EXPLAIN SELECT 1"));
    assertEquals("EXPLAIN PLAN FOR SELECT 1", translate("EXPLAIN PLAN FOR SELECT 1"));
    assertEquals("SELECT 1 FROM t WHERE a <> 'it''s' AND b <> 'x'",
        translate("SELECT 1 FROM t WHERE a != E'it\\'s' AND b <> $$x$$;"));
  }

  @Test
  void searchPathQualifiesUnqualifiedTablesOfThatSchemaOnly() {
    final Map<String, String> schemaOf = Map.of("checkout_summary", "funnels", "checkout", "funnels");
    assertEquals("SELECT * FROM \"funnels\".checkout_summary s JOIN \"funnels\".checkout c ON s.step = c.step, "
        + "events e WHERE x IN (SELECT 1 FROM \"funnels\".checkout)", PostgresToCalcite.translate(Statements.split(
            "SELECT * FROM checkout_summary s JOIN checkout c ON s.step = c.step, events e "
                + "WHERE x IN (SELECT 1 FROM checkout)").get(0), schemaOf::get).sql());
    assertEquals("SELECT * FROM funnels.checkout", PostgresToCalcite.translate(Statements.split(
        "SELECT * FROM funnels.checkout").get(0), schemaOf::get).sql());
  }

  @Test
  void statementsSplitAtSemicolonsOutsideStringsAndComments() {
    final List<SqlTree.Group> parts = Statements.split("SET a = 'x;y'; /* ; */ SELECT 1; -- ;\n ; ");
    assertEquals(2, parts.size());
    assertEquals("SET a = 'x;y'", parts.get(0).sql().strip());
    assertEquals("set", Statements.firstWord(parts.get(0)));
    assertEquals("select", Statements.firstWord(parts.get(1)));
    assertEquals(0, Statements.split(" ; -- nothing").size());
  }

  @Test
  void malformedTextIsASyntaxError() {
    assertThrows(SqlSyntaxException.class, () -> Statements.split("SELECT 'open"));
    assertThrows(SqlSyntaxException.class, () -> Statements.split("SELECT (1"));
    assertThrows(SqlSyntaxException.class, () -> Statements.split("SELECT 1) /* x"));
    assertThrows(SqlSyntaxException.class, () -> Statements.split("SELECT \"open"));
  }
}
