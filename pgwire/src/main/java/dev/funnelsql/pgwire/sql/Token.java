package dev.funnelsql.pgwire.sql;

import java.util.Locale;

/**
 * One lexical token of PostgreSQL SQL: its kind, its source text, and its value (a word in lower case, the name
 * inside double quotes, the content of a string literal with escapes resolved).
 */
public record Token(Kind kind, String text, String value) {
  /** The kinds of token. */
  public enum Kind {
    /** An unquoted identifier or key word; the value is lower case. */
    WORD,
    /** A double-quoted identifier; the value is the name as written. */
    QUOTED,
    /** A string literal ('…', E'…', $$…$$); the value is its content. */
    STRING,
    /** A numeric literal. */
    NUMBER,
    /** A parameter {@code $n}; the value is n. */
    PARAMETER,
    /** An operator ({@code =}, {@code <>}, {@code ~}, {@code ||}, …). */
    OPERATOR,
    /** Punctuation: {@code ( ) [ ] , ; .} and the cast {@code ::}. */
    PUNCTUATION,
    /** White space. */
    SPACE,
    /** A comment. */
    COMMENT
  }

  /** A word token. */
  public static Token word(String text) {
    return new Token(Kind.WORD, text, text.toLowerCase(Locale.ROOT));
  }

  /** A punctuation or operator token made up by a rewrite. */
  public static Token symbol(String text) {
    return new Token(text.length() == 1 && "()[],;.".contains(text) || text.equals("::") ? Kind.PUNCTUATION
        : Kind.OPERATOR, text, text);
  }

  /** A standard string literal with that content. */
  public static Token string(String content) {
    return new Token(Kind.STRING, "'" + content.replace("'", "''") + "'", content);
  }

  /** A double-quoted identifier with that name. */
  public static Token quoted(String name) {
    return new Token(Kind.QUOTED, "\"" + name.replace("\"", "\"\"") + "\"", name);
  }

  /** A single space. */
  public static Token space() {
    return new Token(Kind.SPACE, " ", " ");
  }

  /** Whether the token carries meaning (not space or comment). */
  public boolean significant() {
    return kind != Kind.SPACE && kind != Kind.COMMENT;
  }

  /** Whether this is the word {@code word} (given in lower case). */
  public boolean isWord(String word) {
    return kind == Kind.WORD && value.equals(word);
  }

  /** Whether this is the punctuation or operator {@code symbol}. */
  public boolean is(String symbol) {
    return (kind == Kind.PUNCTUATION || kind == Kind.OPERATOR) && text.equals(symbol);
  }

  /** Whether this is an identifier: a word or a quoted name. */
  public boolean isIdentifier() {
    return kind == Kind.WORD || kind == Kind.QUOTED;
  }
}
