package dev.funnelsql.jdbc.catalog;

import dev.funnelsql.calcite.registry.FunctionEntry;
import dev.funnelsql.calcite.registry.FunctionRegistry;
import java.sql.DatabaseMetaData;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.calcite.linq4j.function.Predicate1;
import org.apache.calcite.schema.lookup.LikePattern;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The rows of {@code DatabaseMetaData.getFunctions}: FunnelSQL's functions, each with its signature and a one-line
 * description as {@code REMARKS}, and the standard SQL functions Calcite provides (no remarks). None belongs to a
 * catalog or schema.
 */
public final class FunctionCatalog {
  /** FunnelSQL's functions and their remarks, in the order the README documents them (from the registry). */
  public static final Map<String, String> FUNNELSQL = remarks();

  private FunctionCatalog() {
  }

  private static Map<String, String> remarks() {
    final Map<String, String> map = new LinkedHashMap<>();
    for (FunctionEntry entry : FunctionRegistry.entries()) {
      map.put(entry.name(), entry.remarks());
    }
    return Collections.unmodifiableMap(map);
  }

  /**
   * The rows ({@code FUNCTION_CAT}, {@code FUNCTION_SCHEM}, {@code FUNCTION_NAME}, {@code REMARKS},
   * {@code FUNCTION_TYPE}, {@code SPECIFIC_NAME}) of the functions whose name matches a LIKE pattern, ordered by name.
   * A schema pattern other than null, {@code %} or the empty string matches none (no function has a schema).
   */
  public static List<Object[]> rows(@Nullable String schemaPattern, @Nullable String namePattern) {
    final List<Object[]> rows = new ArrayList<>();
    if (schemaPattern != null && !schemaPattern.isEmpty() && !schemaPattern.equals("%")) {
      return rows;
    }
    final Predicate1<String> matches = LikePattern.matcher(namePattern == null ? "%" : namePattern);
    final TreeSet<String> names = new TreeSet<>(FUNNELSQL.keySet());
    for (SqlOperator operator : SqlStdOperatorTable.instance().getOperatorList()) {
      if (SqlKind.FUNCTION.contains(operator.getKind()) && !operator.getName().startsWith("$")) {
        names.add(operator.getName());
      }
    }
    for (String name : names) {
      if (matches.apply(name)) {
        rows.add(new Object[] {null, null, name, FUNNELSQL.get(name), (short) DatabaseMetaData.functionNoTable,
            name});
      }
    }
    rows.sort(Comparator.comparing(row -> (String) row[2]));
    return rows;
  }
}
