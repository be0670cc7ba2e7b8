package dev.funnelsql.calcite.prepare;

import java.util.EnumSet;
import java.util.Set;
import org.apache.calcite.sql.SqlExplain;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlUtil;

/**
 * Refuses, before anything reaches the event store, every statement that would change it: FunnelSQL is read-only.
 */
final class ReadOnlyGuard {
  private static final Set<SqlKind> WRITES = EnumSet.of(SqlKind.INSERT, SqlKind.UPDATE, SqlKind.DELETE,
      SqlKind.MERGE, SqlKind.PROCEDURE_CALL);

  private ReadOnlyGuard() {
  }

  static void check(SqlNode statement) {
    final SqlNode target = statement instanceof SqlExplain ? ((SqlExplain) statement).getExplicandum() : statement;
    if (WRITES.contains(target.getKind()) || target.getKind().belongsTo(SqlKind.DDL)) {
      throw SqlUtil.newContextException(target.getParserPosition(), PrepareErrors.INSTANCE.readOnly(
          target.getKind().sql));
    }
  }
}
