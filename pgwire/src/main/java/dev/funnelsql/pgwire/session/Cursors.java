package dev.funnelsql.pgwire.session;

import dev.funnelsql.pgwire.protocol.ResultColumn;
import dev.funnelsql.pgwire.protocol.ResultTable;
import dev.funnelsql.pgwire.sql.SqlTree.Group;
import dev.funnelsql.pgwire.sql.Statements;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * A session's server-side cursors, as PostgreSQL has them for Tableau and psycopg's named cursors: {@code DECLARE name
 * [BINARY] [INSENSITIVE] [NO SCROLL] CURSOR [WITH | WITHOUT HOLD] FOR query}, {@code FETCH} and {@code MOVE}
 * ({@code NEXT}, {@code n}, {@code ALL}, {@code FORWARD n}, {@code FORWARD ALL}; a cursor only scans forward),
 * {@code CLOSE name} and {@code CLOSE ALL}. A cursor without HOLD lives in a transaction block and ends with it; one
 * WITH HOLD lives until it is closed or the session ends. The query runs once; FETCH streams the next rows of the
 * same result.
 */
final class Cursors implements AutoCloseable {
  private static final Set<String> FIRST_WORDS = Set.of("declare", "fetch", "move", "close");
  private static final Pattern DECLARE = Pattern.compile("(?is)\\s*declare\\s+(\"(?:[^\"]|\"\")+\"|[\\w$]+)\\s+"
      + "((?:binary|insensitive|asensitive|no\\s+scroll|scroll|\\s)*)cursor\\s+((?:with(?:out)?\\s+hold\\s+)?)for\\s+"
      + "(.+?)\\s*;?\\s*");
  private static final Pattern FETCH = Pattern.compile("(?is)\\s*(fetch|move)\\s+(?:(next|all|forward\\s+all"
      + "|forward\\s+\\d+|forward|\\d+|prior|first|last|backward(?:\\s+(?:\\d+|all))?|absolute\\s+-?\\d+"
      + "|relative\\s+-?\\d+)\\s+)?(?:(?:from|in)\\s+)?(\"(?:[^\"]|\"\")+\"|[\\w$]+)\\s*;?\\s*");
  private static final Pattern CLOSE = Pattern.compile("(?is)\\s*close\\s+(\"(?:[^\"]|\"\")+\"|[\\w$]+)\\s*;?\\s*");

  /** Prepares the query a cursor is declared for (the session's own way of preparing a statement). */
  @FunctionalInterface
  interface Preparer {
    PreparedQuery prepare(Group query) throws SQLException;
  }

  /** One open cursor: its statement, the rows it is reading, and whether it outlives its transaction. */
  private record Cursor(PreparedQuery query, Portal portal, boolean hold) {
  }

  private final Map<String, Cursor> open = new LinkedHashMap<>();

  /** Whether the statement is DECLARE, FETCH, MOVE or CLOSE. */
  static boolean handles(Group statement) {
    return FIRST_WORDS.contains(Statements.firstWord(statement));
  }

  /**
   * The statement as a query the session runs like any other: DECLARE and CLOSE return a command tag, FETCH the
   * next rows of the cursor's result and MOVE how many it skipped.
   *
   * @param inBlock whether the session is in a transaction block (a cursor without HOLD needs one)
   */
  PreparedQuery prepare(Group statement, boolean inBlock, Preparer preparer) throws SQLException {
    final String sql = statement.sql();
    switch (Statements.firstWord(statement)) {
      case "declare":
        return declare(sql, inBlock, preparer);
      case "close":
        return command(sql, bound -> close(sql));
      default:
        return fetch(sql);
    }
  }

  private PreparedQuery declare(String sql, boolean inBlock, Preparer preparer) throws SQLException {
    final Matcher matcher = DECLARE.matcher(sql);
    if (!matcher.matches()) {
      throw new SQLException("syntax error in DECLARE: expected DECLARE name [NO SCROLL] CURSOR [WITH HOLD] FOR "
          + "query", "42601");
    }
    final String name = name(matcher.group(1));
    final boolean hold = matcher.group(3).toLowerCase(Locale.ROOT).startsWith("with ");
    final String options = matcher.group(2).toLowerCase(Locale.ROOT);
    if (options.matches(".*(^|\\s)scroll.*") && !options.contains("no scroll")) {
      throw new SQLException("cursor \"" + name + "\": SCROLL cursors are not supported, a cursor scans forward "
          + "only", "0A000");
    }
    final List<Group> query = Statements.split(matcher.group(4));
    if (query.size() != 1) {
      throw new SQLException("DECLARE CURSOR needs exactly one query", "42601");
    }
    return command(sql, bound -> {
      if (!hold && !inBlock) {
        throw new SQLException("DECLARE CURSOR can only be used in transaction blocks", "25P01");
      }
      if (open.containsKey(name)) {
        throw new SQLException("cursor \"" + name + "\" already exists", "42P03");
      }
      final PreparedQuery prepared = preparer.prepare(query.get(0));
      open.put(name, new Cursor(prepared, new Portal(prepared, List.of(), new short[0]), hold));
      return ResultTable.command("DECLARE CURSOR");
    });
  }

  private PreparedQuery fetch(String sql) throws SQLException {
    final Matcher matcher = FETCH.matcher(sql);
    if (!matcher.matches()) {
      throw new SQLException("syntax error in FETCH or MOVE: expected FETCH [FORWARD] [n | ALL] [FROM] cursor",
          "42601");
    }
    final boolean move = matcher.group(1).equalsIgnoreCase("move");
    final long count = count(matcher.group(2));
    final String name = name(matcher.group(3));
    return new PreparedQuery() {
      @Override public int[] parameterTypes() {
        return new int[0];
      }

      @Override public List<ResultColumn> describe() throws SQLException {
        return move ? List.of() : cursor(name).portal().columns();
      }

      @Override public RowStream open(List<@Nullable Object> parameters) throws SQLException {
        return new Fetched(cursor(name).portal().rows(), count, move);
      }

      @Override public boolean endsTransaction() {
        return false;
      }

      @Override public void close() {
      }
    };
  }

  /** The number of rows a FETCH direction asks for; Long.MAX_VALUE for ALL. */
  private static long count(@Nullable String direction) throws SQLException {
    if (direction == null) {
      return 1;
    }
    final String text = direction.toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
    if (text.equals("next") || text.equals("forward")) {
      return 1;
    }
    if (text.equals("all") || text.equals("forward all")) {
      return Long.MAX_VALUE;
    }
    final String digits = text.startsWith("forward ") ? text.substring("forward ".length()) : text;
    if (digits.matches("\\d+")) {
      return Long.parseLong(digits);
    }
    throw new SQLException("cursor can only scan forward (" + direction + " needs a SCROLL cursor, which FunnelSQL "
        + "does not have)", "55000");
  }

  private ResultTable close(String sql) throws SQLException {
    final Matcher matcher = CLOSE.matcher(sql);
    if (!matcher.matches()) {
      throw new SQLException("syntax error in CLOSE: expected CLOSE cursor or CLOSE ALL", "42601");
    }
    if (matcher.group(1).equalsIgnoreCase("all")) {
      close();
      return ResultTable.command("CLOSE CURSOR ALL");
    }
    final String name = name(matcher.group(1));
    final Cursor cursor = open.remove(name);
    if (cursor == null) {
      throw new SQLException("cursor \"" + name + "\" does not exist", "34000");
    }
    release(cursor);
    return ResultTable.command("CLOSE CURSOR");
  }

  private Cursor cursor(String name) throws SQLException {
    final Cursor cursor = open.get(name);
    if (cursor == null) {
      throw new SQLException("cursor \"" + name + "\" does not exist", "34000");
    }
    return cursor;
  }

  /** The portal of the cursor of exactly that name (a protocol-level Describe names it so), or null. */
  @Nullable Portal portal(String name) {
    final @Nullable Cursor cursor = open.get(name);
    return cursor == null ? null : cursor.portal();
  }

  /** A transaction block ended (COMMIT or ROLLBACK): cursors without HOLD end with it. */
  void endOfTransaction() {
    open.values().removeIf(cursor -> {
      if (!cursor.hold()) {
        release(cursor);
        return true;
      }
      return false;
    });
  }

  /** Closes every cursor. */
  @Override public void close() {
    open.values().forEach(Cursors::release);
    open.clear();
  }

  private static void release(Cursor cursor) {
    cursor.portal().close();
    cursor.query().close();
  }

  /** A cursor name as PostgreSQL folds it: lower case unless quoted. */
  private static String name(String written) {
    return written.startsWith("\"") ? written.substring(1, written.length() - 1).replace("\"\"", "\"")
        : written.toLowerCase(Locale.ROOT);
  }

  /** A statement the session answers with a command tag, as it answers SET or BEGIN. */
  private static PreparedQuery command(String sql, InternalQuery.Answer answer) {
    return new InternalQuery(answer, sql, true, new int[0]);
  }

  /** The next rows of a cursor's result, up to a count, with FETCH's or MOVE's tag; the cursor stays open. */
  private static final class Fetched implements RowStream {
    private final RowStream rows;
    private final long limit;
    private final boolean move;
    private long taken;

    Fetched(RowStream rows, long limit, boolean move) {
      this.rows = rows;
      this.limit = limit;
      this.move = move;
    }

    @Override public List<ResultColumn> columns() {
      return move ? List.of() : rows.columns();
    }

    @Override public @Nullable Object @Nullable [] next() throws SQLException {
      while (taken < limit) {
        final @Nullable Object @Nullable [] row = rows.next();
        if (row == null) {
          return null;
        }
        taken++;
        if (!move) {
          return row;
        }
      }
      return null;
    }

    @Override public String tag(long sent) {
      return (move ? "MOVE " : "FETCH ") + taken;
    }

    @Override public void close() {
      // The cursor's rows stay open for the next FETCH; CLOSE or the transaction's end closes them.
    }
  }
}
