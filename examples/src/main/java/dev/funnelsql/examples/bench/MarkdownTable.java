package dev.funnelsql.examples.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A markdown table with padded columns, so that the same text reads well on a terminal and renders in the README.
 * Columns after the first are right-aligned (they hold figures).
 */
final class MarkdownTable {
  private final List<String> header;
  private final List<List<String>> rows = new ArrayList<>();

  MarkdownTable(String... header) {
    this.header = List.of(header);
  }

  /** Adds a row; missing cells are blank. */
  MarkdownTable row(String... cells) {
    final List<String> row = new ArrayList<>(Arrays.asList(cells));
    while (row.size() < header.size()) {
      row.add("");
    }
    rows.add(row);
    return this;
  }

  /** Whether the table has no rows. */
  boolean isEmpty() {
    return rows.isEmpty();
  }

  /** The table, one line per row, ending with a newline. */
  String render() {
    final int[] widths = new int[header.size()];
    for (int c = 0; c < widths.length; c++) {
      widths[c] = Math.max(3, header.get(c).length());
      for (List<String> row : rows) {
        widths[c] = Math.max(widths[c], row.get(c).length());
      }
    }
    final StringBuilder text = new StringBuilder();
    line(text, header, widths);
    final List<String> rule = new ArrayList<>();
    for (int c = 0; c < widths.length; c++) {
      rule.add(c == 0 ? "-".repeat(widths[c]) : "-".repeat(widths[c] - 1) + ":");
    }
    line(text, rule, widths);
    rows.forEach(row -> line(text, row, widths));
    return text.toString();
  }

  private static void line(StringBuilder text, List<String> cells, int[] widths) {
    text.append('|');
    for (int c = 0; c < widths.length; c++) {
      final String cell = cells.get(c).replace("|", "\\|");
      final String pad = " ".repeat(Math.max(0, widths[c] - cell.length()));
      text.append(' ').append(c == 0 ? cell + pad : pad + cell).append(" |");
    }
    text.append('\n');
  }
}
