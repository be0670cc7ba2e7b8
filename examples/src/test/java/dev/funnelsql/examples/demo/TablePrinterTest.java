package dev.funnelsql.examples.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TablePrinterTest {

  private Connection connection;
  private Statement statement;

  @BeforeEach
  void open() throws SQLException {
    connection = DriverManager.getConnection("jdbc:h2:mem:table_printer_test");
    statement = connection.createStatement();
    statement.execute("CREATE TABLE t (id INT, name VARCHAR(20), amount DECIMAL(10,2), ratio DOUBLE,"
        + " seen TIMESTAMP, ok BOOLEAN, flags BOOLEAN ARRAY)");
    statement.execute("INSERT INTO t VALUES"
        + " (1, 'product_viewed', 12.50, 0.375, TIMESTAMP '2026-09-30 23:59:01', TRUE, ARRAY[TRUE, FALSE]),"
        + " (22, NULL, 1234.00, 1.0, TIMESTAMP '2026-07-03 00:00:00.25', FALSE, ARRAY[]),"
        + " (333, 'a' || CHAR(10) || 'b', NULL, NULL, NULL, NULL, NULL)");
  }

  @AfterEach
  void close() throws SQLException {
    statement.close();
    connection.close();
  }

  @Test
  void alignsColumnsAndFormatsValues() throws SQLException {
    String expected = String.join("\n",
        "  ID | NAME           |  AMOUNT | RATIO | SEEN                   | OK    | FLAGS",
        "-----+----------------+---------+-------+------------------------+-------+---------------",
        "   1 | product_viewed |   12.50 | 0.375 | 2026-09-30 23:59:01    | true  | [true, false]",
        "  22 | NULL           | 1234.00 |   1.0 | 2026-07-03 00:00:00.25 | false | []",
        " 333 | a\\nb           |    NULL |  NULL | NULL                   | NULL  | NULL",
        "(3 rows)", "");
    assertEquals(expected, render("SELECT * FROM t ORDER BY id"));
  }

  @Test
  void formatsPercentagesAndRatesAndUsesLabels() throws SQLException {
    String sql = "SELECT name AS step_name, amount AS share_pct, ratio AS conversion_rate FROM t ORDER BY id";
    String expected = String.join("\n",
        " STEP_NAME      | SHARE_PCT | CONVERSION_RATE",
        "----------------+-----------+-----------------",
        " product_viewed |     12.5% |           37.5%",
        " NULL           |   1234.0% |          100.0%",
        " a\\nb           |      NULL |            NULL",
        "(3 rows)", "");
    assertEquals(expected, render(sql));
  }

  @Test
  void printsEmptyAndSingleRowResults() throws SQLException {
    assertEquals(String.join("\n", " ID", "----", "(0 rows)", ""), render("SELECT id FROM t WHERE id < 0"));
    assertEquals(String.join("\n", " ID", "----", "  1", "(1 row)", ""), render("SELECT id FROM t WHERE id = 1"));
  }

  @Test
  void limitsRowsButCountsAll() throws SQLException {
    try (ResultSet rs = statement.executeQuery("SELECT id FROM t ORDER BY id")) {
      assertEquals(String.join("\n", " ID", "----", "  1", "… 2 more", "(3 rows)", ""),
          TablePrinter.render(rs, 1));
    }
  }

  @Test
  void printReturnsTheRowCount() throws SQLException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ResultSet rs = statement.executeQuery("SELECT id FROM t")) {
      assertEquals(3, TablePrinter.print(rs, new PrintStream(bytes, true, StandardCharsets.UTF_8)));
    }
    assertEquals(render("SELECT id FROM t"), bytes.toString(StandardCharsets.UTF_8));
  }

  private String render(String sql) throws SQLException {
    try (ResultSet rs = statement.executeQuery(sql)) {
      return TablePrinter.render(rs);
    }
  }
}
