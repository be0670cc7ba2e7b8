package dev.funnelsql.calcite.stepscan;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The SQL a step scan sends to the store, read from the {@code sql=[…]} item of its EXPLAIN line. */
final class StoreSql {
  private static final Pattern SQL = Pattern.compile("StepScanAggregate\\(.*?sql=\\[(.*?)]\\)\\s*\\n", Pattern.DOTALL);
  /** The catalog and schema before a table name differ from store to store (database file, schema per test). */
  private static final Pattern QUALIFIER = Pattern.compile("FROM \"[^\"]+\"\\.\"[^\"]+\"\\.");

  private StoreSql() {
  }

  /** The store SQL of the plan's first step scan, its table unqualified; fails if the plan has no step scan. */
  static String of(String plan) {
    final Matcher matcher = SQL.matcher(plan);
    if (!matcher.find()) {
      throw new AssertionError("the plan has no step scan:\n" + plan);
    }
    return QUALIFIER.matcher(matcher.group(1)).replaceAll("FROM ");
  }
}
