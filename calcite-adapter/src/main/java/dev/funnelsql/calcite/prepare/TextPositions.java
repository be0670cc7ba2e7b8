package dev.funnelsql.calcite.prepare;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns the parser's positions (1-based line and column, a tab one column, lines ended by {@code \n}, {@code \r} or
 * {@code \r\n}) into offsets in the statement's text.
 */
final class TextPositions {
  private final List<Integer> lineStarts = new ArrayList<>();

  TextPositions(String text) {
    lineStarts.add(0);
    for (int i = 0; i < text.length(); i++) {
      final char c = text.charAt(i);
      if (c == '\n' || c == '\r' && (i + 1 == text.length() || text.charAt(i + 1) != '\n')) {
        lineStarts.add(i + 1);
      }
    }
  }

  /** The offset of a 1-based line and column, or -1 if there is no such line. */
  int offset(int line, int column) {
    if (line < 1 || line > lineStarts.size() || column < 1) {
      return -1;
    }
    return lineStarts.get(line - 1) + column - 1;
  }
}
