package dev.funnelsql.examples.demo;

import java.io.PrintStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Renders any {@link ResultSet} as an aligned, psql-style text table so that demo output is readable in a terminal.
 *
 * <p>Numbers are right-aligned. A numeric column whose label ends in {@code _pct} holds a percentage and is shown
 * with one decimal and a {@code %} sign ({@code 37.5} → {@code 37.5%}); one ending in {@code _rate} holds a fraction
 * and is shown the same way after multiplying by 100 ({@code 0.375} → {@code 37.5%}). NULL is shown as {@code NULL},
 * arrays as {@code [a, b]}, timestamps without a {@code T} or zero fractions, and a footer gives the row count.
 */
public final class TablePrinter {

  private static final int MAX_CELL = 80;
  private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss", Locale.ROOT);

  private TablePrinter() {
  }

  /**
   * Prints all rows of {@code rs} as a table followed by a row-count footer; does not close {@code rs}.
   *
   * @param rs the result to print, positioned before its first row
   * @param out where to print
   * @return the number of rows printed
   * @throws SQLException when reading the result fails
   */
  public static int print(ResultSet rs, PrintStream out) throws SQLException {
    Table table = read(rs, Integer.MAX_VALUE);
    out.print(table.render());
    out.flush();
    return table.rowCount;
  }

  /**
   * Renders all rows of {@code rs} as a table with a row-count footer; does not close {@code rs}.
   *
   * @param rs the result to render, positioned before its first row
   * @return the table, lines ending with {@code \n}
   * @throws SQLException when reading the result fails
   */
  public static String render(ResultSet rs) throws SQLException {
    return read(rs, Integer.MAX_VALUE).render();
  }

  /**
   * Renders at most {@code maxRows} rows; the footer still counts every row.
   *
   * @param rs the result to render, positioned before its first row
   * @param maxRows how many rows to show
   * @return the table, lines ending with {@code \n}
   * @throws SQLException when reading the result fails
   */
  public static String render(ResultSet rs, int maxRows) throws SQLException {
    return read(rs, maxRows).render();
  }

  private static Table read(ResultSet rs, int maxRows) throws SQLException {
    ResultSetMetaData md = rs.getMetaData();
    int n = md.getColumnCount();
    String[] labels = new String[n];
    boolean[] rightAligned = new boolean[n];
    Format[] formats = new Format[n];
    for (int i = 0; i < n; i++) {
      labels[i] = md.getColumnLabel(i + 1);
      String lower = labels[i].toLowerCase(Locale.ROOT);
      boolean numeric = isNumeric(md.getColumnType(i + 1));
      formats[i] = lower.endsWith("_pct") ? Format.PERCENT : lower.endsWith("_rate") ? Format.FRACTION
          : Format.PLAIN;
      rightAligned[i] = numeric;
    }
    List<String[]> rows = new ArrayList<>();
    int count = 0;
    while (rs.next()) {
      count++;
      if (rows.size() >= maxRows) {
        continue;
      }
      String[] row = new String[n];
      for (int i = 0; i < n; i++) {
        Object value = rs.getObject(i + 1);
        row[i] = cell(value, formats[i]);
        if (value instanceof Number && !rightAligned[i] && rows.isEmpty()) {
          rightAligned[i] = true;
        }
      }
      rows.add(row);
    }
    return new Table(labels, rightAligned, rows, count);
  }

  private static boolean isNumeric(int sqlType) {
    switch (sqlType) {
      case Types.TINYINT:
      case Types.SMALLINT:
      case Types.INTEGER:
      case Types.BIGINT:
      case Types.REAL:
      case Types.FLOAT:
      case Types.DOUBLE:
      case Types.DECIMAL:
      case Types.NUMERIC:
        return true;
      default:
        return false;
    }
  }

  /** How a column's numbers are shown. */
  private enum Format {
    PLAIN, PERCENT, FRACTION
  }

  private static String cell(Object value, Format format) throws SQLException {
    if (value == null) {
      return "NULL";
    }
    if (value instanceof Number && format != Format.PLAIN) {
      BigDecimal number = toBigDecimal((Number) value);
      if (number != null) {
        if (format == Format.FRACTION) {
          number = number.movePointRight(2);
        }
        return number.setScale(1, RoundingMode.HALF_UP).toPlainString() + "%";
      }
    }
    return truncate(escape(text(value)));
  }

  private static BigDecimal toBigDecimal(Number n) {
    if (n instanceof BigDecimal) {
      return (BigDecimal) n;
    }
    if (n instanceof Double || n instanceof Float) {
      double d = n.doubleValue();
      return Double.isFinite(d) ? BigDecimal.valueOf(d) : null;
    }
    return new BigDecimal(n.toString());
  }

  private static String text(Object value) throws SQLException {
    if (value instanceof BigDecimal) {
      return ((BigDecimal) value).toPlainString();
    }
    if (value instanceof Double || value instanceof Float) {
      double d = ((Number) value).doubleValue();
      if (!Double.isFinite(d)) {
        return Double.toString(d);
      }
      BigDecimal b = BigDecimal.valueOf(d);
      if (b.scale() > 4) {
        b = b.setScale(4, RoundingMode.HALF_UP);
      }
      String s = b.stripTrailingZeros().toPlainString();
      return s.contains(".") || s.contains("E") ? s : s + ".0";
    }
    if (value instanceof Timestamp) {
      return dateTime(((Timestamp) value).toLocalDateTime());
    }
    if (value instanceof LocalDateTime) {
      return dateTime((LocalDateTime) value);
    }
    if (value instanceof Array) {
      Array array = (Array) value;
      try {
        return arrayText(array.getArray());
      } finally {
        freeQuietly(array);
      }
    }
    if (value instanceof byte[]) {
      StringBuilder hex = new StringBuilder("\\x");
      for (byte b : (byte[]) value) {
        hex.append(String.format(Locale.ROOT, "%02x", b));
      }
      return hex.toString();
    }
    if (value.getClass().isArray() || value instanceof Iterable) {
      return arrayText(value);
    }
    return value.toString();
  }

  private static String arrayText(Object array) throws SQLException {
    StringBuilder sb = new StringBuilder("[");
    if (array instanceof Iterable) {
      for (Object element : (Iterable<?>) array) {
        sb.append(sb.length() > 1 ? ", " : "").append(element == null ? "NULL" : text(element));
      }
    } else {
      int length = java.lang.reflect.Array.getLength(array);
      for (int i = 0; i < length; i++) {
        Object element = java.lang.reflect.Array.get(array, i);
        sb.append(i > 0 ? ", " : "").append(element == null ? "NULL" : text(element));
      }
    }
    return sb.append(']').toString();
  }

  private static void freeQuietly(Array array) {
    try {
      array.free();
    } catch (SQLException | RuntimeException | AbstractMethodError ignored) {
      // Some drivers do not implement free(); the array is garbage either way.
    }
  }

  private static String dateTime(LocalDateTime t) {
    String text = t.format(DATE_TIME);
    if (t.getNano() == 0) {
      return text;
    }
    String fraction = String.format(Locale.ROOT, "%09d", t.getNano());
    int end = fraction.length();
    while (fraction.charAt(end - 1) == '0') {
      end--;
    }
    return text + "." + fraction.substring(0, end);
  }

  private static String escape(String s) {
    StringBuilder sb = null;
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      String replacement = ch == '\n' ? "\\n" : ch == '\r' ? "\\r" : ch == '\t' ? "\\t" : null;
      if (replacement == null && Character.isISOControl(ch)) {
        replacement = String.format(Locale.ROOT, "\\u%04x", (int) ch);
      }
      if (replacement != null && sb == null) {
        sb = new StringBuilder(s.substring(0, i));
      }
      if (sb != null) {
        sb.append(replacement != null ? replacement : String.valueOf(ch));
      }
    }
    return sb == null ? s : sb.toString();
  }

  private static String truncate(String s) {
    return s.codePointCount(0, s.length()) <= MAX_CELL ? s
        : s.substring(0, s.offsetByCodePoints(0, MAX_CELL - 1)) + "…";
  }

  /** A read result: labels, alignment, the rows kept and the total row count. */
  private static final class Table {
    private final String[] labels;
    private final boolean[] right;
    private final List<String[]> rows;
    private final int rowCount;

    Table(String[] labels, boolean[] right, List<String[]> rows, int rowCount) {
      this.labels = labels;
      this.right = right;
      this.rows = rows;
      this.rowCount = rowCount;
    }

    String render() {
      int n = labels.length;
      int[] width = new int[n];
      for (int i = 0; i < n; i++) {
        width[i] = length(labels[i]);
        for (String[] row : rows) {
          width[i] = Math.max(width[i], length(row[i]));
        }
      }
      StringBuilder sb = new StringBuilder();
      line(sb, labels, width, true);
      for (int i = 0; i < n; i++) {
        sb.append(i == 0 ? "" : "+").append("-".repeat(width[i] + 2));
      }
      sb.append('\n');
      for (String[] row : rows) {
        line(sb, row, width, false);
      }
      if (rows.size() < rowCount) {
        sb.append("… ").append(rowCount - rows.size()).append(" more\n");
      }
      sb.append('(').append(rowCount).append(rowCount == 1 ? " row)" : " rows)").append('\n');
      return sb.toString();
    }

    private void line(StringBuilder sb, String[] cells, int[] width, boolean header) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < cells.length; i++) {
        String cell = cells[i];
        String pad = " ".repeat(width[i] - length(cell));
        line.append(i == 0 ? " " : " | ").append(right[i] ? pad + cell : cell + pad);
      }
      int end = line.length();
      while (end > 0 && line.charAt(end - 1) == ' ') {
        end--;
      }
      sb.append(line, 0, end).append('\n');
    }

    private static int length(String s) {
      return s.codePointCount(0, s.length());
    }
  }
}
