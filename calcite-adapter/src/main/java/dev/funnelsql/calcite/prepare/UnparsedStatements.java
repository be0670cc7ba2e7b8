package dev.funnelsql.calcite.prepare;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Reads the words of a statement that Calcite's parser rejected, to tell a write (which FunnelSQL refuses whatever
 * its dialect: {@code CREATE}, {@code DROP}, {@code TRUNCATE}, {@code GRANT}, {@code COPY}, a data-modifying
 * {@code WITH}, {@code SELECT … FOR UPDATE}, …) or a transaction command from a mere syntax error. Comments, string
 * literals and quoted identifiers are skipped, so {@code SELECT 'drop'} is not a write.
 */
final class UnparsedStatements {
  /** First words of statements that change a database, its schema, its privileges or its files. */
  private static final Set<String> WRITES = Set.of("INSERT", "UPDATE", "DELETE", "MERGE", "UPSERT", "REPLACE",
      "CREATE", "DROP", "ALTER", "TRUNCATE", "RENAME", "COMMENT", "GRANT", "REVOKE", "COPY", "LOAD", "IMPORT",
      "EXPORT", "ATTACH", "DETACH", "INSTALL", "VACUUM", "ANALYZE", "REINDEX", "CLUSTER", "LOCK", "CALL", "EXEC",
      "EXECUTE", "DO", "REFRESH", "CHECKPOINT", "BACKUP", "RESTORE", "SCRIPT", "RUNSCRIPT", "SHUTDOWN");
  /** First words of transaction control, which has nothing to do on a connection that never writes. */
  private static final Set<String> TRANSACTIONS = Set.of("BEGIN", "START", "COMMIT", "ROLLBACK", "SAVEPOINT",
      "RELEASE", "ABORT");

  /** What an unparsable statement is. */
  enum Verdict { WRITE, ROW_LOCK, TRANSACTION, SYNTAX_ERROR }

  private final List<Word> words;

  private UnparsedStatements(List<Word> words) {
    this.words = words;
  }

  /** One word outside comments and quotes, upper-cased, with its offset in the statement. */
  private record Word(String text, int offset) {
  }

  static UnparsedStatements of(String sql) {
    return new UnparsedStatements(words(sql));
  }

  /** The statement's first word, upper-cased, or "" if it has none. */
  String firstWord() {
    return words.isEmpty() ? "" : words.get(0).text();
  }

  /**
   * What the statement is: a write if its first word, or the word the parser stopped at, starts a write (so
   * {@code WITH d AS (DELETE …) SELECT …} is one); a row lock if it asks {@code FOR UPDATE} or {@code FOR SHARE}
   * (checked before the word the parser stopped at, which is then {@code UPDATE}).
   */
  Verdict verdict(String sql, SqlParseException error) {
    if (WRITES.contains(firstWord())) {
      return Verdict.WRITE;
    }
    if (TRANSACTIONS.contains(firstWord())) {
      return Verdict.TRANSACTION;
    }
    for (int i = 0; i + 1 < words.size(); i++) {
      if (words.get(i).text().equals("FOR") && isLock(i + 1)) {
        return Verdict.ROW_LOCK;
      }
    }
    return WRITES.contains(wordAt(offset(sql, error.getPos()))) ? Verdict.WRITE : Verdict.SYNTAX_ERROR;
  }

  /** The write keyword a refusal names: the first word, else the word the parser stopped at. */
  String writeKeyword(String sql, SqlParseException error) {
    return WRITES.contains(firstWord()) ? firstWord() : wordAt(offset(sql, error.getPos()));
  }

  private boolean isLock(int i) {
    final String next = words.get(i).text();
    if (next.equals("UPDATE") || next.equals("SHARE")) {
      return true;
    }
    return i + 1 < words.size() && (next.equals("NO") || next.equals("KEY"))
        && (words.get(i + 1).text().equals("KEY") || words.get(i + 1).text().equals("SHARE"));
  }

  private String wordAt(int offset) {
    for (Word word : words) {
      if (word.offset() == offset) {
        return word.text();
      }
    }
    return "";
  }

  /** The character offset of a 1-based parser position, or -1. */
  private static int offset(String sql, @Nullable SqlParserPos pos) {
    if (pos == null || pos.getLineNum() < 1 || pos.getColumnNum() < 1) {
      return -1;
    }
    int line = 1;
    int i = 0;
    while (line < pos.getLineNum() && i < sql.length()) {
      if (sql.charAt(i++) == '\n') {
        line++;
      }
    }
    return i + pos.getColumnNum() - 1;
  }

  private static List<Word> words(String sql) {
    final List<Word> words = new ArrayList<>();
    int i = 0;
    final int n = sql.length();
    while (i < n) {
      final char c = sql.charAt(i);
      if (c == '-' && sql.startsWith("--", i)) {
        i = end(sql, sql.indexOf('\n', i));
      } else if (c == '/' && sql.startsWith("/*", i)) {
        final int close = sql.indexOf("*/", i + 2);
        i = close < 0 ? n : close + 2;
      } else if (c == '\'' || c == '"' || c == '`') {
        i = closingQuote(sql, i, c);
      } else if (c == '[') {
        i = end(sql, sql.indexOf(']', i));
      } else if (Character.isLetter(c) || c == '_') {
        final int start = i;
        while (i < n && (Character.isLetterOrDigit(sql.charAt(i)) || sql.charAt(i) == '_')) {
          i++;
        }
        words.add(new Word(sql.substring(start, i).toUpperCase(Locale.ROOT), start));
      } else {
        i++;
      }
    }
    return words;
  }

  private static int end(String sql, int index) {
    return index < 0 ? sql.length() : index + 1;
  }

  /** The offset after the quote closing the one at {@code start}, or the end of the text if none closes it. */
  private static int closingQuote(String sql, int start, char quote) {
    final int end = LiteralTokens.closingQuote(sql, start, quote);
    return end < 0 ? sql.length() : end;
  }
}
