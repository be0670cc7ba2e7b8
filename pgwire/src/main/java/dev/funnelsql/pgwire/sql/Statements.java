package dev.funnelsql.pgwire.sql;

import dev.funnelsql.pgwire.sql.SqlTree.Element;
import dev.funnelsql.pgwire.sql.SqlTree.Group;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Splits a Query message's text into statements at top-level semicolons (not those inside strings, quoted names or
 * comments), as PostgreSQL does for the simple query protocol.
 */
public final class Statements {
  private Statements() {
  }

  /** The statements of {@code sql}, each a group of its own; empty statements are dropped. */
  public static List<Group> split(String sql) {
    final Group all = SqlTree.parse(SqlLexer.tokenize(sql));
    final List<Group> statements = new ArrayList<>();
    for (List<Element> part : SqlTree.split(all.items(), ";")) {
      final Group statement = new Group("", new ArrayList<>(part), "");
      if (!statement.significant().isEmpty()) {
        statements.add(statement);
      }
    }
    return statements;
  }

  /** The statement's first word in lower case ({@code select}, {@code set}, …), or "" if it starts otherwise. */
  public static String firstWord(Group statement) {
    final List<Element> significant = statement.significant();
    if (significant.isEmpty()) {
      return "";
    }
    final @Nullable Token first = SqlTree.token(significant.get(0));
    if (first == null) {
      return "(";
    }
    return first.kind() == Token.Kind.WORD ? first.value().toLowerCase(Locale.ROOT) : "";
  }
}
