package dev.funnelsql.calcite.prepare;

import dev.funnelsql.calcite.prepare.UnparsedStatements.Verdict;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import org.apache.calcite.sql.SqlExplain;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlUtil;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Refuses, before anything reaches the event store, every statement that would change it: FunnelSQL is read-only.
 * Writes Calcite parses (DML, DDL, {@code CALL}, also under {@code EXPLAIN}) are refused by kind; writes in another
 * dialect that Calcite cannot parse are recognised by their words ({@link UnparsedStatements}) so that they, too, are
 * reported as refused writes rather than as syntax errors.
 */
final class ReadOnlyGuard {
  private static final Set<SqlKind> WRITES = EnumSet.of(SqlKind.INSERT, SqlKind.UPDATE, SqlKind.DELETE,
      SqlKind.MERGE, SqlKind.PROCEDURE_CALL);
  private static final String NO_TRANSACTIONS = "FunnelSQL never changes the event store, so there is no "
      + "transaction to control";

  private ReadOnlyGuard() {
  }

  static void check(SqlNode statement) {
    final SqlNode target = statement instanceof SqlExplain ? ((SqlExplain) statement).getExplicandum() : statement;
    if (WRITES.contains(target.getKind()) || target.getKind().belongsTo(SqlKind.DDL)) {
      throw refuseDdl(target);
    }
  }

  /** The refusal of a statement Calcite would hand to its DDL executor (DDL, session options). */
  static RuntimeException refuseDdl(SqlNode node) {
    final SqlKind kind = node.getKind();
    if (kind == SqlKind.SET_OPTION) {
      return SqlUtil.newContextException(node.getParserPosition(), PrepareErrors.INSTANCE.notSupported("SET",
          "FunnelSQL takes its settings from the connection's properties (jdbc:funnelsql:…;key=value)"));
    }
    if (kind == SqlKind.COMMIT || kind == SqlKind.ROLLBACK) {
      return SqlUtil.newContextException(node.getParserPosition(),
          PrepareErrors.INSTANCE.notSupported(kind.sql, NO_TRANSACTIONS));
    }
    final String name = kind == SqlKind.PROCEDURE_CALL ? "CALL" : kind.sql.replace('_', ' ');
    return SqlUtil.newContextException(node.getParserPosition(), PrepareErrors.INSTANCE.readOnly(name));
  }

  /**
   * Turns the parser's failure on {@code sql} into a refusal if the statement is a write, a row lock or a
   * transaction command; otherwise returns {@code failure} unchanged.
   */
  static RuntimeException refuseUnparsed(@Nullable String sql, RuntimeException failure) {
    final @Nullable SqlParseException parse = parseException(failure);
    if (sql == null || parse == null) {
      return failure;
    }
    final UnparsedStatements statement = UnparsedStatements.of(sql);
    final Verdict verdict = statement.verdict(sql, parse);
    final SqlParserPos pos = parse.getPos() == null ? SqlParserPos.ZERO : parse.getPos();
    switch (verdict) {
      case WRITE:
        return SqlUtil.newContextException(pos,
            PrepareErrors.INSTANCE.readOnly(statement.writeKeyword(sql, parse).toUpperCase(Locale.ROOT)));
      case ROW_LOCK:
        return SqlUtil.newContextException(pos, PrepareErrors.INSTANCE.rowLock());
      case TRANSACTION:
        return SqlUtil.newContextException(pos,
            PrepareErrors.INSTANCE.notSupported(statement.firstWord(), NO_TRANSACTIONS));
      default:
        return failure;
    }
  }

  private static @Nullable SqlParseException parseException(Throwable failure) {
    for (@Nullable Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof SqlParseException) {
        return (SqlParseException) t;
      }
    }
    return null;
  }
}
