package dev.funnelsql.calcite.prepare;

import java.util.ArrayList;
import java.util.List;

/**
 * Shortens the parser's messages: Calcite lists every token it would have accepted (often more than a hundred, one
 * per line), which buries the one line that says what is wrong and where. The first line is kept whole, followed by
 * at most a handful of the expected tokens on one line.
 */
final class ParseErrorMessages {
  private static final int SHOWN = 6;

  private ParseErrorMessages() {
  }

  static String shorten(String message) {
    final String[] lines = message.split("\n");
    if (lines.length <= 1) {
      return message;
    }
    final List<String> expected = new ArrayList<>();
    String heading = "";
    for (int i = 1; i < lines.length; i++) {
      final String line = lines[i].trim();
      if (line.startsWith("Was expecting")) {
        heading = line.endsWith(":") ? line.substring(0, line.length() - 1) : line;
      } else if (!line.isEmpty()) {
        expected.add(line.endsWith(" ...") ? line.substring(0, line.length() - 4) : line);
      }
    }
    if (heading.isEmpty()) {
      return lines[0];
    }
    final StringBuilder b = new StringBuilder(lines[0]).append(' ').append(heading).append(": ");
    for (int i = 0; i < Math.min(SHOWN, expected.size()); i++) {
      b.append(i == 0 ? "" : ", ").append(expected.get(i));
    }
    if (expected.size() > SHOWN) {
      b.append(", … (").append(expected.size() - SHOWN).append(" more)");
    }
    return b.toString();
  }
}
