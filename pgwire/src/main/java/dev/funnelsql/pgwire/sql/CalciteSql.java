package dev.funnelsql.pgwire.sql;

import java.util.List;

/**
 * A client statement translated for FunnelSQL: the SQL text with JDBC {@code ?} markers, the same text cut at the
 * markers (so values can be written in as literals instead), and for each marker in order the PostgreSQL parameter
 * number ({@code $n}) whose value it takes; {@code parameterCount} is the highest n.
 */
public record CalciteSql(String sql, List<String> pieces, int[] parameterOrder, int parameterCount) {
  /** The SQL with each marker replaced by the given SQL literal text (one per marker, in order). */
  public String withLiterals(List<String> literals) {
    final StringBuilder sql = new StringBuilder(pieces.get(0));
    for (int i = 0; i < literals.size(); i++) {
      sql.append(literals.get(i)).append(pieces.get(i + 1));
    }
    return sql.toString();
  }
}
