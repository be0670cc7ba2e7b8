package dev.funnelsql.calcite.prepare;

import java.util.ArrayList;
import java.util.List;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * A statement's number and string literal tokens, found by a small lexer (comments, quoted identifiers and
 * identifiers skipped), and its shape: the text with each such token replaced by a mark of its kind. Statements of
 * one shape differ only in literal values, so the literals that became parameters in one of them
 * ({@link LiteralTemplate}) are the same tokens in all of them, and those need not be parsed again by Calcite (whose
 * parser costs more than the rest of running a cached plan). Statements this lexer is not sure of (a string with a
 * prefix such as {@code N'…'} or {@code _utf8'…'}, an unterminated quote or comment, a number glued to a word) have
 * no shape.
 */
final class LiteralTokens {
  /** A token's kind, as Calcite's lexer tells them apart. */
  enum Kind { INTEGER, DECIMAL, APPROXIMATE, STRING }

  /**
   * One literal token.
   *
   * @param minusStart the offset of a {@code -} right before it (spaces between), or -1
   */
  record Token(Kind kind, int start, int end, int minusStart) {
  }

  private final String shape;
  private final List<Token> literals;

  private LiteralTokens(String shape, List<Token> literals) {
    this.shape = shape;
    this.literals = literals;
  }

  /** The tokens of {@code sql}, or null if it has no shape this lexer is sure of. */
  static @Nullable LiteralTokens of(String sql) {
    final StringBuilder shape = new StringBuilder(sql.length());
    final List<Token> literals = new ArrayList<>();
    int minus = -1;
    int i = 0;
    final int n = sql.length();
    while (i < n) {
      final char c = sql.charAt(i);
      final int start = i;
      if (Character.isWhitespace(c)) {
        shape.append(c);
        i++;
        continue;
      }
      if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-' || c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
        return null;
      }
      if (c == '\'') {
        if (i > 0 && isWordPart(sql.charAt(i - 1))) {
          return null;
        }
        i = closingQuote(sql, i, '\'');
        if (i < 0) {
          return null;
        }
        literals.add(new Token(Kind.STRING, start, i, minus));
        shape.append("\u0000S");
      } else if (c == '"' || c == '`') {
        i = closingQuote(sql, i, c);
        if (i < 0) {
          return null;
        }
        shape.append(sql, start, i);
      } else if (Character.isLetter(c) || c == '_') {
        while (i < n && isWordPart(sql.charAt(i))) {
          i++;
        }
        shape.append(sql, start, i);
      } else if (Character.isDigit(c) || c == '.' && i + 1 < n && Character.isDigit(sql.charAt(i + 1))) {
        if (i > 0 && (isWordPart(sql.charAt(i - 1)) || sql.charAt(i - 1) == '.')) {
          return null;
        }
        final Token number = number(sql, i, minus);
        if (number == null) {
          return null;
        }
        i = number.end();
        literals.add(number);
        shape.append('\u0000').append(number.kind().name().charAt(0));
      } else {
        shape.append(c);
        i++;
        minus = c == '-' ? start : -1;
        continue;
      }
      minus = -1;
    }
    return new LiteralTokens(shape.toString(), List.copyOf(literals));
  }

  private static @Nullable Token number(String sql, int start, int minus) {
    final int n = sql.length();
    int i = digits(sql, start);
    Kind kind = Kind.INTEGER;
    if (i < n && sql.charAt(i) == '.') {
      kind = Kind.DECIMAL;
      i = digits(sql, i + 1);
    }
    if (i < n && (sql.charAt(i) == 'e' || sql.charAt(i) == 'E')) {
      int j = i + 1;
      if (j < n && (sql.charAt(j) == '+' || sql.charAt(j) == '-')) {
        j++;
      }
      if (j >= n || !Character.isDigit(sql.charAt(j))) {
        return null;
      }
      kind = Kind.APPROXIMATE;
      i = digits(sql, j);
    }
    if (i < n && (isWordPart(sql.charAt(i)) || sql.charAt(i) == '.')) {
      return null;
    }
    return new Token(kind, start, i, minus);
  }

  private static int digits(String sql, int from) {
    int i = from;
    while (i < sql.length() && Character.isDigit(sql.charAt(i))) {
      i++;
    }
    return i;
  }

  private static boolean isWordPart(char c) {
    return Character.isLetterOrDigit(c) || c == '_' || c == '$' || c == '&';
  }

  /** The offset after the quote closing the one at {@code start} (a doubled quote is text), or -1. */
  static int closingQuote(String sql, int start, char quote) {
    int i = start + 1;
    while (i < sql.length()) {
      if (sql.charAt(i) == quote) {
        if (i + 1 < sql.length() && sql.charAt(i + 1) == quote) {
          i += 2;
          continue;
        }
        return i + 1;
      }
      i++;
    }
    return -1;
  }

  /** The statement with each literal token replaced by a mark of its kind. */
  String shape() {
    return shape;
  }

  /** The literal tokens, in text order. */
  List<Token> literals() {
    return literals;
  }
}
