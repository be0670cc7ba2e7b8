package dev.funnelsql.calcite.prepare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.apache.calcite.avatica.util.Casing;
import org.apache.calcite.jdbc.JavaTypeFactoryImpl;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.sql.parser.SqlParser;
import org.junit.jupiter.api.Test;

/**
 * A statement of a shape seen before is read from its tokens exactly as Calcite's parser would read it: the same
 * plan key, types and values; statements the lexer is unsure of have no shape, and a template never masks a literal
 * that is not a parameter.
 */
class ShapeTemplatesTest {
  private static final RelDataTypeFactory TYPES = new JavaTypeFactoryImpl();
  private static final SqlParser.Config PARSER = SqlParser.config().withUnquotedCasing(Casing.UNCHANGED)
      .withQuotedCasing(Casing.UNCHANGED).withCaseSensitive(false);

  private static LiteralTemplate learn(String sql) {
    final LiteralParameters parsed = LiteralParameters.of(sql, PARSER, TYPES);
    assertNotNull(parsed, sql);
    final LiteralTokens tokens = LiteralTokens.of(sql);
    assertNotNull(tokens, sql);
    final LiteralTemplate template = parsed.template(tokens, TYPES);
    assertNotNull(template, sql);
    return template;
  }

  private static void readsAsParsed(LiteralTemplate template, String first, String variant) {
    final LiteralTokens tokens = LiteralTokens.of(variant);
    assertNotNull(tokens, variant);
    assertEquals(LiteralTokens.of(first).shape(), tokens.shape(), variant);
    final LiteralParameters read = LiteralParameters.of(variant, tokens, template, TYPES);
    final LiteralParameters parsed = LiteralParameters.of(variant, PARSER, TYPES);
    assertNotNull(read, variant);
    assertNotNull(parsed, variant);
    assertEquals(parsed.keySql(), read.keySql(), variant);
    assertEquals(parsed.keyTypes(), read.keyTypes(), variant);
    assertNotNull(parsed.template(tokens, TYPES), variant);
  }

  @Test
  void variantsReadFromTokensAsTheParserReadsThem() {
    final List<List<String>> shapes = List.of(
        List.of("SELECT COUNT(*) FROM events WHERE user_id = 5",
            "SELECT COUNT(*) FROM events WHERE user_id = 5000000000",
            "SELECT COUNT(*) FROM events WHERE user_id = 0012"),
        List.of("SELECT a FROM t WHERE x > - 2.50 AND name <> 'it''s' ORDER BY a LIMIT 10",
            "SELECT a FROM t WHERE x > - 123.4 AND name <> '' ORDER BY a LIMIT 10"),
        List.of("SELECT a FROM t WHERE x BETWEEN 1e3 AND .5E-2 OR \"y z\" = 'q'",
            "SELECT a FROM t WHERE x BETWEEN 7E+1 AND 9.0e0 OR \"y z\" = 'zoë '"),
        List.of("SELECT g, COUNT(*) FROM t WHERE +3 < x GROUP BY g HAVING COUNT(*) >= 2",
            "SELECT g, COUNT(*) FROM t WHERE +4 < x GROUP BY g HAVING COUNT(*) >= 20"));
    for (List<String> shape : shapes) {
      final LiteralTemplate template = learn(shape.get(0));
      for (String variant : shape) {
        readsAsParsed(template, shape.get(0), variant);
      }
    }
  }

  @Test
  void limitsAndFunctionArgumentsStayInTheKey() {
    final String sql = "SELECT PERIOD_START(ts, 'day') FROM t WHERE x = 1 LIMIT 5";
    final LiteralTemplate template = learn(sql);
    final String other = "SELECT PERIOD_START(ts, 'week') FROM t WHERE x = 2 LIMIT 6";
    final LiteralParameters read = LiteralParameters.of(other, LiteralTokens.of(other), template, TYPES);
    assertNotNull(read);
    assertEquals("SELECT PERIOD_START(ts, 'week') FROM t WHERE x = ? LIMIT 6", read.keySql());
  }

  @Test
  void statementsTheLexerIsUnsureOfHaveNoShape() {
    for (String sql : List.of("SELECT 1 FROM t WHERE x = N'a'", "SELECT 1 FROM t WHERE x = _UTF8'a'",
        "SELECT 1 FROM t WHERE x = U&'a'", "SELECT 1 FROM t -- c\nWHERE x = 1", "SELECT 1 /* c */ FROM t",
        "SELECT 1 FROM t WHERE x = 'open", "SELECT 1 FROM t WHERE x = 1x")) {
      assertNull(LiteralTokens.of(sql), sql);
    }
  }
}
