package dev.funnelsql.jdbc.catalog;

import java.util.Locale;
import java.util.regex.Pattern;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * Plain SQL type names, as JDBC's {@code TYPE_NAME} and {@code getColumnTypeName} promise and BI tools match on:
 * {@code VARCHAR}, {@code TIMESTAMP}, {@code DECIMAL}, {@code TIMESTAMP ARRAY}; never Calcite's full type strings
 * such as {@code VARCHAR(40) NOT NULL} or {@code JavaType(class java.lang.String)}. The names are those of
 * {@code DatabaseMetaData.getTypeInfo}, with {@code ARRAY} and {@code MULTISET} after their element type.
 */
public final class TypeNames {
  private static final Pattern PRECISION = Pattern.compile("\\(\\s*\\d+\\s*(,\\s*\\d+\\s*)?\\)");
  private static final Pattern CHARACTER_SET = Pattern.compile(" CHARACTER SET \"[^\"]*\"");

  private TypeNames() {
  }

  /** The plain name of a type. */
  public static String of(RelDataType type) {
    final SqlTypeName name = type.getSqlTypeName();
    if ((name == SqlTypeName.ARRAY || name == SqlTypeName.MULTISET) && type.getComponentType() != null) {
      return of(type.getComponentType()) + " " + name.getName();
    }
    return name.getName();
  }

  /**
   * The plain form of a type name that Calcite printed (a result column's type name): precision, scale, character
   * set and {@code NOT NULL} dropped; a map or row type by its kind alone.
   */
  public static String plain(String printed) {
    String name = CHARACTER_SET.matcher(printed).replaceAll("");
    name = PRECISION.matcher(name).replaceAll("").replace(" NOT NULL", "").trim().replaceAll("\\s+", " ");
    if (name.endsWith(" MAP") || name.equals("MAP")) {
      return "MAP";
    }
    if (name.startsWith("RecordType") || name.startsWith("ROW")) {
      return "ROW";
    }
    if (name.startsWith("JavaType(")) {
      return "OTHER";
    }
    return name.toUpperCase(Locale.ROOT);
  }
}
