package dev.funnelsql.pgwire.sql;

import dev.funnelsql.pgwire.sql.SqlTree.Element;
import dev.funnelsql.pgwire.sql.SqlTree.Group;
import dev.funnelsql.pgwire.sql.SqlTree.Leaf;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Translates one statement from PostgreSQL's spelling into the SQL FunnelSQL's Calcite parser takes: {@code ::}
 * casts, PostgreSQL date functions, {@code !=}, reserved words used as names, {@code E''} and dollar-quoted strings,
 * and {@code $n} parameters (which become JDBC {@code ?} markers, repeated as often as they occur).
 */
public final class PostgresToCalcite {
  /** Stands for a parameter marker while rendering; SQL text cannot contain NUL. */
  private static final String MARKER = "\u0000";
  private PostgresToCalcite() {
  }

  /** The translation of a statement (as split by {@link Statements}); the group is modified in place. */
  public static CalciteSql translate(Group statement) {
    return translate(statement, name -> null);
  }

  /**
   * The translation of a statement, qualifying unqualified table names with the schema {@code searchPath} gives
   * (null: leave the name to FunnelSQL's default schema).
   */
  public static CalciteSql translate(Group statement, Function<String, @Nullable String> searchPath) {
    explainPlan(statement);
    SearchPathRewrite.apply(statement, searchPath);
    CastRewrite.apply(statement);
    FunctionRewrite.apply(statement);
    IdentifierQuoting.apply(statement);
    final List<Integer> order = new ArrayList<>();
    final int[] max = {0};
    finish(statement, order, max);
    final int[] parameterOrder = order.stream().mapToInt(Integer::intValue).toArray();
    final String marked = statement.sql().strip();
    return new CalciteSql(marked.replace(MARKER, "?"), List.of(marked.split(MARKER, -1)), parameterOrder, max[0]);
  }

  /** PostgreSQL's {@code EXPLAIN <query>} is Calcite's {@code EXPLAIN PLAN FOR <query>}. */
  private static void explainPlan(Group statement) {
    final List<Element> significant = statement.significant();
    if (significant.size() > 1 && SqlTree.isWord(significant.get(0), "explain")
        && !SqlTree.isWord(significant.get(1), "plan")) {
      final int at = statement.items().indexOf(significant.get(0)) + 1;
      statement.items().addAll(at, SqlTree.parse(SqlLexer.tokenize(" PLAN FOR")).items());
    }
  }

  private static void finish(Group group, List<Integer> order, int[] max) {
    final List<Element> items = group.items();
    for (int i = 0; i < items.size(); i++) {
      final Element item = items.get(i);
      if (item instanceof Group) {
        finish((Group) item, order, max);
        continue;
      }
      final Token token = ((Leaf) item).token();
      if (token.kind() == Token.Kind.PARAMETER) {
        final int number = Integer.parseInt(token.value());
        if (number < 1) {
          throw new SqlSyntaxException("there is no parameter $" + number);
        }
        order.add(number);
        max[0] = Math.max(max[0], number);
        items.set(i, new Leaf(new Token(Token.Kind.OPERATOR, MARKER, "?")));
      } else if (token.kind() == Token.Kind.STRING && "eE$".indexOf(token.text().charAt(0)) >= 0) {
        items.set(i, new Leaf(Token.string(token.value())));
      }
    }
  }
}
