package dev.funnelsql.calcite.prepare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.funnelsql.calcite.testing.AdapterConnection;
import dev.funnelsql.calcite.testing.Store;
import dev.funnelsql.calcite.testing.StoreKind;
import dev.funnelsql.calcite.testing.TestStores;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Random queries with random filter literals (numbers of every literal type, strings with quotes, trailing spaces,
 * accents or nothing; comparisons, {@code BETWEEN}, {@code AND}/{@code OR}/{@code NOT}, {@code HAVING}, {@code JOIN …
 * ON}) answer through shared plans exactly as each literal text planned on its own does, on H2 and DuckDB; and the
 * sharing happened (many queries ran on a plan prepared for another). A statement that fails must fail the same way.
 */
class SharedPlanRandomLiteralsTest {
  private static final int QUERIES = 500;
  private static final String COLUMNS = "id INTEGER, big BIGINT, amount DECIMAL(10,2), ratio DOUBLE, name VARCHAR(12), "
      + "grp VARCHAR(4)";
  private static final String[] NAMES = {"ann", "bob", "bob ", "", "O'Hara", "zoë", "carl", "Ann", "dave"};
  private static final String[] GROUPS = {"x", "y", "zz", null};

  private static final int TEMPLATES = 60;

  /** The data, and the literals' values. */
  private final Random random = new Random(20_240_601L);
  /** The query's shape and the kinds of its literals: one of {@link #TEMPLATES} seeds, so shapes repeat. */
  private Random shape = new Random();

  @ParameterizedTest
  @EnumSource(value = StoreKind.class, names = {"H2", "DUCKDB"})
  void sharedPlansAnswerAsLiteralTexts(StoreKind kind) throws SQLException {
    final Store store = TestStores.create(kind, "facts", COLUMNS, rows());
    int failures = 0;
    try (AdapterConnection shared = PlanCounter.open(store, true);
        AdapterConnection text = PlanCounter.open(store, false);
        PlanCounter counter = new PlanCounter()) {
      int reused = 0;
      for (int i = 0; i < QUERIES; i++) {
        shape = new Random(new SplittableRandom(random.nextInt(TEMPLATES)).nextLong());
        final String sql = query();
        final String expected = answer(text, sql);
        final int before = counter.preparations();
        assertEquals(expected, answer(shared, sql), sql);
        reused += counter.preparations() == before ? 1 : 0;
        failures += expected.startsWith("error") ? 1 : 0;
      }
      // The text connection prepares every text; the shared one prepares a few plans per shape, and the texts with a
      // value that does not fit its parameter (a decimal compared with an integer column, say).
      assertTrue(reused > QUERIES / 4, "queries answered by a shared plan prepared before: " + reused);
    }
    assertTrue(failures < QUERIES / 10, "too many failing queries to be a useful test: " + failures);
  }

  private static String answer(AdapterConnection connection, String sql) {
    try {
      return connection.rows(sql).toString();
    } catch (SQLException e) {
      // Both fail in the store: its message quotes the SQL it was sent (literals there, parameters here).
      return "error " + e.getSQLState();
    }
  }

  private List<Object[]> rows() {
    final List<Object[]> rows = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      rows.add(new Object[] {maybeNull(random.nextInt(60) - 10), maybeNull(random.nextLong() % 5_000_000_000L),
          maybeNull(new java.math.BigDecimal(random.nextInt(20_000) - 5_000).movePointLeft(2)),
          maybeNull(random.nextInt(400) / 8.0 - 10), maybeNull(NAMES[random.nextInt(NAMES.length)]),
          GROUPS[random.nextInt(GROUPS.length)]});
    }
    return rows;
  }

  private Object maybeNull(Object value) {
    return random.nextInt(12) == 0 ? null : value;
  }

  private String query() {
    switch (shape.nextInt(4)) {
      case 0:
        return "SELECT COUNT(*), SUM(id), MIN(name) FROM facts WHERE " + condition(2);
      case 1:
        return "SELECT grp, COUNT(*) FROM facts WHERE " + condition(1) + " GROUP BY grp HAVING COUNT(*) > "
            + random.nextInt(40) + " OR MAX(amount) < " + decimal() + " ORDER BY grp";
      case 2:
        return "SELECT COUNT(*) FROM facts a JOIN (SELECT id AS bid, ratio AS bratio FROM facts) b ON a.id = b.bid "
            + "AND b.bratio >= " + number("ratio")
            + " WHERE a.name <> " + string() + " AND " + condition(0);
      default:
        return "SELECT id, name FROM facts WHERE " + condition(2) + " ORDER BY id, name, big, amount, ratio LIMIT 5";
    }
  }

  private String condition(int depth) {
    final int choice = shape.nextInt(depth > 0 ? 6 : 3);
    switch (choice) {
      case 0:
      case 1:
        return comparison();
      case 2:
        final String column = column();
        final boolean text = isText(column);
        return column + (shape.nextBoolean() ? " BETWEEN " : " NOT BETWEEN ") + (text ? string() : number(column))
            + " AND " + (text ? string() : number(column));
      case 3:
        return "(" + condition(depth - 1) + " AND " + condition(depth - 1) + ")";
      case 4:
        return "(" + condition(depth - 1) + " OR " + condition(depth - 1) + ")";
      default:
        return "NOT (" + condition(depth - 1) + ")";
    }
  }

  private String comparison() {
    final String column = column();
    final String[] operators = {"=", "<>", "<", "<=", ">", ">="};
    final String operator = operators[shape.nextInt(operators.length)];
    final String literal = isText(column) ? string() : number(column);
    return shape.nextInt(5) == 0 ? literal + " " + operator + " " + column : column + " " + operator + " " + literal;
  }

  private static boolean isText(String column) {
    return column.equals("name") || column.equals("grp") || column.startsWith("UPPER");
  }

  private String column() {
    final String[] columns = {"id", "big", "amount", "ratio", "name", "grp", "id + big", "UPPER(name)"};
    final String column = columns[shape.nextInt(columns.length)];
    return column;
  }

  private String number(String column) {
    switch (shape.nextInt(6)) {
      case 0:
        return Integer.toString(random.nextInt(70) - 15);
      case 1:
        return column.equals("big") || column.startsWith("id +") ? Long.toString(random.nextLong() % 6_000_000_000L)
            : Integer.toString(random.nextInt(50));
      case 2:
        return decimal();
      case 3:
        return (random.nextInt(200) - 50) + "E-1";
      case 4:
        return "- " + random.nextInt(20);
      default:
        return Integer.toString(random.nextInt(5)) + ".0";
    }
  }

  private String decimal() {
    return new java.math.BigDecimal(random.nextInt(10_000) - 2_000).movePointLeft(1 + shape.nextInt(3)).toPlainString();
  }

  private String string() {
    final String name = random.nextInt(6) == 0 ? "b" + "o".repeat(random.nextInt(3))
        : NAMES[random.nextInt(NAMES.length)];
    return "'" + name.replace("'", "''") + (random.nextInt(8) == 0 ? " " : "") + "'";
  }
}
