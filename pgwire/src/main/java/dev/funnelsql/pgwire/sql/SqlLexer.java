package dev.funnelsql.pgwire.sql;

import dev.funnelsql.pgwire.sql.Token.Kind;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits PostgreSQL SQL into {@link Token}s following the lexical rules of PostgreSQL's documentation ("Lexical
 * Structure"): identifiers, quoted names, string constants (standard, E'' escapes, dollar quoting), numbers, {@code $n}
 * parameters, operators, comments (nested block comments too). Keeps white space and comments, so text can be rebuilt.
 */
public final class SqlLexer {
  private static final String OPERATOR_CHARS = "+-*/<>=~!@#%^&|`?";

  private final String sql;
  private int pos;

  private SqlLexer(String sql) {
    this.sql = sql;
  }

  /** The tokens of {@code sql}; throws {@link SqlSyntaxException} on an unterminated literal or comment. */
  public static List<Token> tokenize(String sql) {
    final SqlLexer lexer = new SqlLexer(sql);
    final List<Token> tokens = new ArrayList<>();
    while (lexer.pos < sql.length()) {
      tokens.add(lexer.next());
    }
    return tokens;
  }

  private Token next() {
    final int start = pos;
    final char c = sql.charAt(pos);
    if (Character.isWhitespace(c)) {
      while (pos < sql.length() && Character.isWhitespace(sql.charAt(pos))) {
        pos++;
      }
      return token(Kind.SPACE, start, sql.substring(start, pos));
    }
    if (c == '-' && peek(1) == '-') {
      while (pos < sql.length() && sql.charAt(pos) != '\n') {
        pos++;
      }
      return token(Kind.COMMENT, start, sql.substring(start, pos));
    }
    if (c == '/' && peek(1) == '*') {
      return blockComment(start);
    }
    if (c == '\'') {
      return quoted(start, pos + 1, false);
    }
    if ((c == 'e' || c == 'E') && peek(1) == '\'') {
      return quoted(start, pos + 2, true);
    }
    if (c == '"') {
      return quotedIdentifier(start);
    }
    if (c == '$') {
      return dollar(start);
    }
    if (Character.isDigit(c) || c == '.' && Character.isDigit(peek(1))) {
      return number(start);
    }
    if (Character.isLetter(c) || c == '_' || c > 127) {
      while (pos < sql.length() && isIdentifierPart(sql.charAt(pos))) {
        pos++;
      }
      return Token.word(sql.substring(start, pos));
    }
    if (c == ':' && peek(1) == ':') {
      pos += 2;
      return token(Kind.PUNCTUATION, start, "::");
    }
    if ("()[],;.:".indexOf(c) >= 0) {
      pos++;
      return token(Kind.PUNCTUATION, start, String.valueOf(c));
    }
    if (OPERATOR_CHARS.indexOf(c) >= 0) {
      return operator(start);
    }
    throw new SqlSyntaxException("unexpected character '" + c + "' at position " + (start + 1));
  }

  private char peek(int ahead) {
    return pos + ahead < sql.length() ? sql.charAt(pos + ahead) : '\0';
  }

  private static boolean isIdentifierPart(char c) {
    return Character.isLetterOrDigit(c) || c == '_' || c == '$' || c > 127;
  }

  private Token token(Kind kind, int start, String value) {
    return new Token(kind, sql.substring(start, pos), value);
  }

  private Token blockComment(int start) {
    int depth = 0;
    while (pos < sql.length()) {
      if (sql.startsWith("/*", pos)) {
        depth++;
        pos += 2;
      } else if (sql.startsWith("*/", pos)) {
        depth--;
        pos += 2;
        if (depth == 0) {
          return token(Kind.COMMENT, start, "");
        }
      } else {
        pos++;
      }
    }
    throw new SqlSyntaxException("unterminated /* comment at position " + (start + 1));
  }

  private Token quoted(int start, int contentStart, boolean escapes) {
    final StringBuilder value = new StringBuilder();
    pos = contentStart;
    while (pos < sql.length()) {
      final char c = sql.charAt(pos);
      if (c == '\'' && peek(1) == '\'') {
        value.append('\'');
        pos += 2;
      } else if (c == '\'') {
        pos++;
        return token(Kind.STRING, start, value.toString());
      } else if (escapes && c == '\\' && pos + 1 < sql.length()) {
        value.append(unescape(sql.charAt(pos + 1)));
        pos += 2;
      } else {
        value.append(c);
        pos++;
      }
    }
    throw new SqlSyntaxException("unterminated quoted string at position " + (start + 1));
  }

  private static char unescape(char c) {
    switch (c) {
      case 'n':
        return '\n';
      case 't':
        return '\t';
      case 'r':
        return '\r';
      case 'b':
        return '\b';
      case 'f':
        return '\f';
      default:
        return c;
    }
  }

  private Token quotedIdentifier(int start) {
    final StringBuilder value = new StringBuilder();
    pos++;
    while (pos < sql.length()) {
      final char c = sql.charAt(pos);
      if (c == '"' && peek(1) == '"') {
        value.append('"');
        pos += 2;
      } else if (c == '"') {
        pos++;
        return token(Kind.QUOTED, start, value.toString());
      } else {
        value.append(c);
        pos++;
      }
    }
    throw new SqlSyntaxException("unterminated quoted identifier at position " + (start + 1));
  }

  private Token dollar(int start) {
    if (Character.isDigit(peek(1))) {
      pos++;
      while (pos < sql.length() && Character.isDigit(sql.charAt(pos))) {
        pos++;
      }
      return token(Kind.PARAMETER, start, sql.substring(start + 1, pos));
    }
    int tagEnd = pos + 1;
    while (tagEnd < sql.length() && isIdentifierPart(sql.charAt(tagEnd)) && sql.charAt(tagEnd) != '$') {
      tagEnd++;
    }
    if (tagEnd >= sql.length() || sql.charAt(tagEnd) != '$') {
      pos++;
      return token(Kind.OPERATOR, start, "$");
    }
    final String tag = sql.substring(start, tagEnd + 1);
    final int close = sql.indexOf(tag, tagEnd + 1);
    if (close < 0) {
      throw new SqlSyntaxException("unterminated dollar-quoted string at position " + (start + 1));
    }
    pos = close + tag.length();
    return token(Kind.STRING, start, sql.substring(tagEnd + 1, close));
  }

  private Token number(int start) {
    while (pos < sql.length() && (Character.isDigit(sql.charAt(pos)) || sql.charAt(pos) == '.'
        && !sql.startsWith("..", pos))) {
      pos++;
    }
    if (pos < sql.length() && (sql.charAt(pos) == 'e' || sql.charAt(pos) == 'E')
        && (Character.isDigit(peek(1)) || (peek(1) == '+' || peek(1) == '-') && Character.isDigit(peek(2)))) {
      pos += 2;
      while (pos < sql.length() && Character.isDigit(sql.charAt(pos))) {
        pos++;
      }
    }
    return token(Kind.NUMBER, start, sql.substring(start, pos));
  }

  private Token operator(int start) {
    while (pos < sql.length() && OPERATOR_CHARS.indexOf(sql.charAt(pos)) >= 0
        && !sql.startsWith("--", pos) && !sql.startsWith("/*", pos)) {
      pos++;
    }
    // PostgreSQL: a multi-character operator ends in + or - only if it also holds one of ~ ! @ # % ^ & | ` ?
    String op = sql.substring(start, pos);
    while (op.length() > 1 && (op.endsWith("+") || op.endsWith("-")) && op.chars().noneMatch(ch -> "~!@#%^&|`?"
        .indexOf(ch) >= 0)) {
      op = op.substring(0, op.length() - 1);
      pos--;
    }
    return token(Kind.OPERATOR, start, op);
  }
}
