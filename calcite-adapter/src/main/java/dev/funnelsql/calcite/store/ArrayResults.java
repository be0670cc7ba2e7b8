package dev.funnelsql.calcite.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * How an engine's driver gives an array that an engine aggregate returns (a funnel's step times, a retention's
 * booleans): as a JDBC {@link Array}, or as the JSON text that the Hive drivers give for every complex value.
 */
public enum ArrayResults {
  /** {@code ResultSet.getArray}. */
  DRIVER_ARRAY {
    @Override public @Nullable Object[] read(ResultSet rows, int column) throws SQLException {
      final @Nullable Array array = rows.getArray(column);
      return array == null ? new Object[0] : (Object[]) array.getArray();
    }
  },
  /** {@code ResultSet.getString}, a JSON array of numbers, booleans and nulls ({@code [1,2,null]}). */
  JSON_TEXT {
    @Override public @Nullable Object[] read(ResultSet rows, int column) throws SQLException {
      final @Nullable String text = rows.getString(column);
      if (text == null) {
        return new Object[0];
      }
      final JsonNode array;
      try {
        array = JSON.readTree(text);
      } catch (JsonProcessingException e) {
        throw new SQLException("the engine sent an array FunnelSQL cannot read: " + e.getOriginalMessage(), "22000");
      }
      final @Nullable Object[] values = new Object[array.size()];
      for (int i = 0; i < values.length; i++) {
        final JsonNode value = array.get(i);
        values[i] = value.isNull() ? null : value.isBoolean() ? (Object) value.booleanValue() : value.longValue();
      }
      return values;
    }
  };

  private static final ObjectMapper JSON = new ObjectMapper();

  /** The elements of the array in column {@code column} of the current row; none for a NULL array. */
  public abstract @Nullable Object[] read(ResultSet rows, int column) throws SQLException;
}
