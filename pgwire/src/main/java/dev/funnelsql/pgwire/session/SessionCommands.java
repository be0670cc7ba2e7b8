package dev.funnelsql.pgwire.session;

import dev.funnelsql.pgwire.protocol.PgType;
import dev.funnelsql.pgwire.protocol.ResultColumn;
import dev.funnelsql.pgwire.protocol.ResultTable;
import dev.funnelsql.pgwire.sql.SqlTree;
import dev.funnelsql.pgwire.sql.SqlTree.Element;
import dev.funnelsql.pgwire.sql.SqlTree.Group;
import dev.funnelsql.pgwire.sql.Statements;
import dev.funnelsql.pgwire.sql.Token;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The statements a session answers itself, as PostgreSQL does: SET / RESET / SHOW of run-time parameters
 * ({@code set search_path} also moves FunnelSQL's default schema), BEGIN / START TRANSACTION / COMMIT / END /
 * ROLLBACK / ABORT, SAVEPOINT / RELEASE, DISCARD, DEALLOCATE. They change the {@link SessionState} and act on the
 * session through {@link SessionControl}.
 */
final class SessionCommands {
  private static final Set<String> FIRST_WORDS = Set.of("set", "reset", "show", "begin", "start", "commit", "end",
      "rollback", "abort", "discard", "deallocate", "savepoint", "release");
  private static final List<ResultColumn> SHOW_ALL = List.of(ResultColumn.of("name", PgType.TEXT),
      ResultColumn.of("setting", PgType.TEXT), ResultColumn.of("description", PgType.TEXT));

  private final SessionState state;
  private final SessionControl control;

  SessionCommands(SessionState state, SessionControl control) {
    this.state = state;
    this.control = control;
  }

  /** Whether the statement is one of these commands. */
  static boolean handles(Group statement) {
    return FIRST_WORDS.contains(Statements.firstWord(statement));
  }

  /** Whether the statement ends a transaction block (allowed in a failed block). */
  static boolean endsTransaction(Group statement) {
    final String first = Statements.firstWord(statement);
    return first.equals("rollback") || first.equals("abort") || first.equals("commit") || first.equals("end");
  }

  /** The columns the command returns (SHOW's one), without running it. */
  static List<ResultColumn> describe(Group statement) {
    if (!Statements.firstWord(statement).equals("show")) {
      return List.of();
    }
    final List<String> words = words(statement);
    if (words.size() == 2 && words.get(1).equals("all")) {
      return SHOW_ALL;
    }
    return List.of(ResultColumn.of(parameterName(words.subList(1, words.size())), PgType.TEXT));
  }

  /** Runs the command in the session. */
  ResultTable run(Group statement) throws SQLException {
    final List<String> words = words(statement);
    final String first = words.get(0);
    switch (first) {
      case "show":
        return show(words.subList(1, words.size()));
      case "set":
        return set(words);
      case "reset":
        if (words.size() > 1 && words.get(1).equals("all")) {
          state.resetSettings();
        }
        return ResultTable.command("RESET");
      case "begin":
      case "start":
        control.beginBlock();
        return ResultTable.command(first.equals("begin") ? "BEGIN" : "START TRANSACTION");
      case "commit":
      case "end":
        return ResultTable.command(control.endBlock() == TransactionState.FAILED ? "ROLLBACK" : "COMMIT");
      case "rollback":
      case "abort":
        if (words.contains("to")) {
          state.transaction().recover();
          return ResultTable.command("ROLLBACK");
        }
        control.endBlock();
        return ResultTable.command("ROLLBACK");
      case "savepoint":
        return ResultTable.command("SAVEPOINT");
      case "release":
        return ResultTable.command("RELEASE");
      case "discard":
        control.discardAll();
        return ResultTable.command("DISCARD " + (words.size() > 1 ? words.get(1).toUpperCase(Locale.ROOT) : "ALL"));
      case "deallocate":
        return ResultTable.command(words.contains("all") ? "DEALLOCATE ALL" : "DEALLOCATE");
      default:
        throw new SQLException("unsupported command " + first, "0A000");
    }
  }

  /** The statement's words and literals in order, lower-case words, for matching the command's form. */
  private static List<String> words(Group statement) {
    final List<String> words = new ArrayList<>();
    for (Element element : statement.significant()) {
      final @Nullable Token token = SqlTree.token(element);
      if (token != null && token.kind() == Token.Kind.WORD) {
        words.add(token.value().toLowerCase(Locale.ROOT));
      } else if (token != null && token.significant()) {
        words.add(token.value());
      }
    }
    return words;
  }

  private static String parameterName(List<String> words) {
    final String joined = String.join(" ", words);
    switch (joined) {
      case "transaction isolation level":
        return "transaction_isolation";
      case "time zone":
        return "TimeZone";
      default:
        return joined.isEmpty() ? "?" : joined;
    }
  }

  private ResultTable show(List<String> words) throws SQLException {
    if (words.size() == 1 && words.get(0).equals("all")) {
      final List<@Nullable Object[]> rows = new ArrayList<>();
      for (Map.Entry<String, String> entry : state.settings().all().entrySet()) {
        rows.add(new Object[] {entry.getKey(), entry.getValue(), ""});
      }
      return new ResultTable(SHOW_ALL, rows, "SHOW");
    }
    final String name = parameterName(words);
    final String key = name.equals("transaction_isolation") ? name : name.toLowerCase(Locale.ROOT);
    @Nullable String value = key.equals("search_path") ? control.searchPath() : state.settings().get(key);
    if (value == null) {
      throw new SQLException("unrecognized configuration parameter \"" + name + "\"", "42704");
    }
    final List<@Nullable Object[]> rows = new ArrayList<>();
    rows.add(new Object[] {value});
    return new ResultTable(List.of(ResultColumn.of(name, PgType.TEXT)), rows, "SHOW");
  }

  /**
   * {@code SET [SESSION|LOCAL] name {TO|=} value[, …]}, {@code SET TIME ZONE …}, {@code SET [SESSION
   * CHARACTERISTICS AS] TRANSACTION …} (read-only anyway), {@code SET search_path …}.
   */
  private ResultTable set(List<String> words) throws SQLException {
    int at = 1;
    while (at < words.size() && (words.get(at).equals("session") || words.get(at).equals("local"))) {
      at++;
    }
    if (at < words.size() && (words.get(at).equals("transaction") || words.get(at).equals("characteristics"))) {
      return ResultTable.command("SET");
    }
    if (at + 1 < words.size() && words.get(at).equals("time") && words.get(at + 1).equals("zone")) {
      control.setParameter("timezone", at + 2 < words.size() ? words.get(at + 2) : "UTC");
      return ResultTable.command("SET");
    }
    if (at >= words.size()) {
      throw new SQLException("syntax error at end of input: SET needs a parameter", "42601");
    }
    final String name = words.get(at);
    int valueAt = at + 1;
    if (valueAt < words.size() && (words.get(valueAt).equals("to") || words.get(valueAt).equals("="))) {
      valueAt++;
    }
    final List<String> values = new ArrayList<>();
    for (String value : words.subList(Math.min(valueAt, words.size()), words.size())) {
      if (!value.equals(",")) {
        values.add(value);
      }
    }
    if (name.equals("search_path")) {
      control.setSearchPath(values);
    } else {
      control.setParameter(name, String.join(", ", values));
    }
    return ResultTable.command("SET");
  }
}
