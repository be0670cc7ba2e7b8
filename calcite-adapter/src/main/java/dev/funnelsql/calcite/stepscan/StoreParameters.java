package dev.funnelsql.calcite.stepscan;

import java.sql.Date;
import java.sql.Time;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.calcite.DataContext;
import org.apache.calcite.adapter.java.JavaTypeFactory;
import org.apache.calcite.linq4j.QueryProvider;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.sql.type.SqlTypeName;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The FunnelSQL statement's parameters that a store query takes, one per {@code ?}, with their SQL types: a date or
 * time parameter (a dashboard's date filter) is held by Calcite as a number (epoch milliseconds of the local time,
 * days, milliseconds of the day), which the store's driver would bind as a number; it is bound as the JDBC date or
 * time of the same local value instead. A value, as the step scan's plan is.
 *
 * @param ordinalList the ordinals of the statement's parameters, one per {@code ?} of the query
 * @param types their SQL types
 */
record StoreParameters(List<Integer> ordinalList, List<SqlTypeName> types) {
  StoreParameters {
    ordinalList = List.copyOf(ordinalList);
    types = List.copyOf(types);
  }

  /** The parameters at {@code ordinals}, typed by {@code types} (by ordinal; an ordinal without a type is ANY). */
  static StoreParameters of(List<Integer> ordinals, Map<Integer, SqlTypeName> types) {
    final List<SqlTypeName> typed = new ArrayList<>();
    for (Integer ordinal : ordinals) {
      typed.add(types.getOrDefault(ordinal, SqlTypeName.ANY));
    }
    return new StoreParameters(ordinals, typed);
  }

  /** The ordinals of the statement's parameters, one per {@code ?} of the query. */
  Integer[] ordinals() {
    return ordinalList.toArray(new Integer[0]);
  }

  /** The SQL type of the statement's parameter at {@code ordinal} (ANY if the query does not take it). */
  SqlTypeName typeOf(int ordinal) {
    final int at = ordinalList.indexOf(ordinal);
    return at < 0 ? SqlTypeName.ANY : types.get(at);
  }

  /** The statement's context with its date and time parameters as JDBC values, for Calcite's statement enricher. */
  DataContext valuesFrom(DataContext root) {
    return new DataContext() {
      @Override public @Nullable SchemaPlus getRootSchema() {
        return root.getRootSchema();
      }

      @Override public JavaTypeFactory getTypeFactory() {
        return root.getTypeFactory();
      }

      @Override public QueryProvider getQueryProvider() {
        return root.getQueryProvider();
      }

      @Override public @Nullable Object get(String name) {
        final @Nullable Object value = root.get(name);
        if (value == null || !name.startsWith("?")) {
          return value;
        }
        for (int i = 0; i < ordinalList.size(); i++) {
          if (name.equals("?" + ordinalList.get(i))) {
            return jdbcValue(types.get(i), value);
          }
        }
        return value;
      }
    };
  }

  private static Object jdbcValue(SqlTypeName type, Object value) {
    if (!(value instanceof Number)) {
      return value;
    }
    final long number = ((Number) value).longValue();
    switch (type) {
      case TIMESTAMP:
        return Timestamp.valueOf(LocalDateTime.ofEpochSecond(Math.floorDiv(number, 1000L),
            (int) Math.floorMod(number, 1000L) * 1_000_000, ZoneOffset.UTC));
      case DATE:
        return Date.valueOf(LocalDate.ofEpochDay(number));
      case TIME:
        return Time.valueOf(LocalTime.ofNanoOfDay(Math.floorMod(number, 86_400_000L) * 1_000_000L));
      default:
        return value;
    }
  }
}
