package dev.funnelsql.pgwire.session;

import dev.funnelsql.pgwire.protocol.PgType;
import dev.funnelsql.pgwire.protocol.ResultColumn;
import dev.funnelsql.pgwire.protocol.ResultTable;
import dev.funnelsql.pgwire.protocol.TextValues;
import dev.funnelsql.pgwire.sql.SqlLexer;
import dev.funnelsql.pgwire.sql.SqlTree;
import dev.funnelsql.pgwire.sql.SqlTree.Group;
import dev.funnelsql.pgwire.sql.Token;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * A statement the session answers itself: a session command (SET, SHOW, BEGIN, …) or a catalog query. Parameters
 * {@code $n} are replaced by their values as literals before the statement is read.
 */
final class InternalQuery implements PreparedQuery {
  /** Who answers the bound statement: the session's commands or its catalog. */
  @FunctionalInterface
  interface Answer {
    ResultTable answer(Group statement) throws SQLException;
  }

  private final Answer answer;
  private final String sql;
  private final boolean command;
  private final int[] parameterTypes;

  InternalQuery(Answer answer, String sql, boolean command, int[] declaredTypes) {
    this.answer = answer;
    this.sql = sql;
    this.command = command;
    final int count = Math.max(declaredTypes.length, highestParameter(SqlLexer.tokenize(sql)));
    this.parameterTypes = new int[count];
    for (int i = 0; i < count; i++) {
      parameterTypes[i] = i < declaredTypes.length && declaredTypes[i] != 0 ? declaredTypes[i] : PgType.TEXT.oid();
    }
  }

  private static int highestParameter(List<Token> tokens) {
    int max = 0;
    for (Token token : tokens) {
      if (token.kind() == Token.Kind.PARAMETER) {
        max = Math.max(max, Integer.parseInt(token.value()));
      }
    }
    return max;
  }

  @Override public int[] parameterTypes() {
    return parameterTypes.clone();
  }

  @Override public List<ResultColumn> describe() throws SQLException {
    final Group statement = bound(List.of());
    return command ? SessionCommands.describe(statement) : answer.answer(statement).columns();
  }

  @Override public boolean endsTransaction() {
    return command && SessionCommands.endsTransaction(bound(List.of()));
  }

  @Override public RowStream open(List<@Nullable Object> parameters) throws SQLException {
    final Group statement = bound(parameters);
    return new TableRows(answer.answer(statement));
  }

  /** The statement with each {@code $n} replaced by its value as a literal (NULL if unbound). */
  private Group bound(List<@Nullable Object> parameters) {
    final List<Token> tokens = new ArrayList<>();
    for (Token token : SqlLexer.tokenize(sql)) {
      if (token.kind() != Token.Kind.PARAMETER) {
        tokens.add(token);
        continue;
      }
      final int number = Integer.parseInt(token.value());
      final @Nullable Object value = number >= 1 && number <= parameters.size() ? parameters.get(number - 1) : null;
      if (value == null) {
        tokens.add(Token.word("NULL"));
      } else if (value instanceof Number || value instanceof Boolean) {
        tokens.add(new Token(value instanceof Number ? Token.Kind.NUMBER : Token.Kind.WORD, value.toString(),
            value.toString()));
      } else {
        tokens.add(Token.string(String.valueOf(TextValues.format(PgType.TEXT, value))));
      }
    }
    return SqlTree.parse(tokens);
  }

  @Override public void close() {
  }
}
