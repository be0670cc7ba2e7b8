package dev.funnelsql.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.funnelsql.jdbc.EventStores.Kind;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Text bound to a parameter the plan compares as a number is taken when it is one and refused with 22018 when it is
 * not, on every store alike (DuckDB 2 on its own would compare it as text and count nothing).
 */
class NumericTextParametersTest {
  private static long count(Connection connection, String sql, String value) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setString(1, value);
      try (ResultSet rows = statement.executeQuery()) {
        rows.next();
        return rows.getLong(1);
      }
    }
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void numericTextIsANumberAndOtherTextIsRefused(Kind kind) throws SQLException {
    final String source = EventStores.create(kind, "events", "user_id BIGINT, score BIGINT",
        List.of(new Object[] {1L, 1L}, new Object[] {2L, 3L}, new Object[] {2L, 7L}));
    try (Connection connection = DriverManager.getConnection(EventStores.funnelUrl(kind, source))) {
      final String byUser = "SELECT COUNT(*) FROM events WHERE user_id = ?";
      final String byScore = "SELECT COUNT(*) FROM events WHERE CAST(score AS DOUBLE) / 2 > ?";
      assertEquals(2, count(connection, byUser, "2"));
      assertEquals(2, count(connection, byUser, " 2 "));
      assertEquals(2, count(connection, byScore, "1.0"));
      assertEquals(1, count(connection, byScore, "2.5e0"));
      assertEquals(3, count(connection, byScore, "-1"));
      for (String bad : List.of("x2", "2.5", "")) {
        final SQLException e = assertThrows(SQLException.class, () -> count(connection, byUser, bad), bad);
        assertEquals("22018", e.getSQLState(), e.getMessage());
        assertTrue(e.getMessage().contains("parameter 1 is compared as an integer"), e.getMessage());
      }
      final SQLException e = assertThrows(SQLException.class, () -> count(connection, byScore, "many"));
      assertEquals("22018", e.getSQLState(), e.getMessage());
      assertEquals(3, count(connection, "SELECT COUNT(*) FROM events WHERE CAST(user_id AS VARCHAR(8)) <> ?", "x"),
          "text compared as text is not checked");
    }
  }
}
