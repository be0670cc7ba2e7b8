package dev.funnelsql.jdbc;

import java.lang.reflect.Method;
import java.util.Set;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * SQL text as FunnelSQL parses it: a statement's trailing {@code ;} (and blanks) removed, as BI tools and SQL
 * editors send it (Metabase's native queries, scripts). Leading comments, such as the {@code -- Metabase:: …}
 * remark Metabase prepends, are parsed as they are.
 */
final class StatementText implements CallAdapter {
  /** The adapter for connections and statements. */
  static final StatementText INSTANCE = new StatementText();

  private static final Set<String> TAKES_SQL = Set.of("prepareStatement", "prepareCall", "nativeSQL", "execute",
      "executeQuery", "executeUpdate", "executeLargeUpdate", "addBatch");

  private StatementText() {
  }

  /** The statement without trailing semicolons and blanks. */
  static String clean(String sql) {
    int end = sql.length();
    while (end > 0 && (sql.charAt(end - 1) == ';' || Character.isWhitespace(sql.charAt(end - 1)))) {
      end--;
    }
    return end == sql.length() ? sql : sql.substring(0, end);
  }

  @Override public @Nullable Object[] arguments(Method method, @Nullable Object[] args) {
    if (args == null || args.length == 0 || !(args[0] instanceof String) || !TAKES_SQL.contains(method.getName())) {
      return args;
    }
    final String clean = clean((String) args[0]);
    if (clean.equals(args[0])) {
      return args;
    }
    final Object[] changed = args.clone();
    changed[0] = clean;
    return changed;
  }
}
