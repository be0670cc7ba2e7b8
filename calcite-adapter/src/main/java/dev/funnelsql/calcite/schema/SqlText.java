package dev.funnelsql.calcite.schema;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import org.apache.calcite.avatica.util.Casing;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.dialect.CalciteSqlDialect;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParser;
import org.apache.calcite.sql.util.SqlBasicVisitor;

/**
 * Writes the SQL text of FunnelSQL's generated views safely: names from the model are always quoted identifiers or
 * string literals (a name with quotes and semicolons is data, never SQL), and model expressions are re-printed from
 * Calcite's parse tree, so only one well-formed expression can ever be spliced in.
 */
public final class SqlText {
  private SqlText() {
  }

  /** A quoted identifier: {@code "a""b"}. */
  public static String identifier(String name) {
    return '"' + name.replace("\"", "\"\"") + '"';
  }

  /** A dotted name, each part quoted: {@code public.events} becomes {@code "public"."events"}. */
  public static String qualified(String dottedName) {
    return Arrays.stream(dottedName.split("\\.")).map(SqlText::identifier).collect(Collectors.joining("."));
  }

  /** A string literal: {@code 'it''s'}. */
  public static String literal(String value) {
    return '\'' + value.replace("'", "''") + '\'';
  }

  /** A string as a VARCHAR literal: CHAR literals of different lengths would be blank-padded in a CASE or VALUES. */
  public static String varchar(String value) {
    return "CAST(" + literal(value) + " AS VARCHAR)";
  }

  /**
   * Parses one SQL expression and prints it back in Calcite's syntax, in parentheses.
   *
   * @throws SqlParseException if the text is not exactly one expression
   */
  public static String expression(String text) throws SqlParseException {
    return "(" + parse(text).toSqlString(CalciteSqlDialect.DEFAULT).getSql() + ")";
  }

  /**
   * Whether a (canonical) expression reads no column but {@code column} and calls no random function, so that it
   * has one value for all the rows that have one value of that column.
   *
   * @param column the column, e.g. {@code "event_name"}
   */
  public static boolean readsOnly(String expression, String column) {
    final SqlNode node;
    final String name;
    try {
      node = parse(expression);
      final SqlNode parsed = parse(column);
      if (!(parsed instanceof SqlIdentifier)) {
        return false;
      }
      name = ((SqlIdentifier) parsed).names.get(((SqlIdentifier) parsed).names.size() - 1);
    } catch (SqlParseException e) {
      return false;
    }
    final boolean[] only = {true};
    node.accept(new SqlBasicVisitor<Void>() {
      @Override public Void visit(SqlIdentifier identifier) {
        only[0] &= identifier.names.get(identifier.names.size() - 1).equals(name);
        return null;
      }

      @Override public Void visit(SqlCall call) {
        only[0] &= !call.getOperator().getName().toUpperCase(Locale.ROOT).contains("RAND");
        return super.visit(call);
      }
    });
    return only[0];
  }

  /**
   * One SQL expression as Calcite parses the model's expressions (names as written, matched ignoring case).
   *
   * @throws SqlParseException if the text is not exactly one expression
   */
  public static SqlNode parse(String text) throws SqlParseException {
    return SqlParser.create(text, SqlParser.config().withCaseSensitive(false)
        .withUnquotedCasing(Casing.UNCHANGED).withQuotedCasing(Casing.UNCHANGED)).parseExpression();
  }
}
