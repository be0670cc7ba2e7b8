package dev.funnelsql.calcite.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The part of ClickHouse's HTTP interface that ClickHouse's JDBC driver uses, in front of an embedded ClickHouse
 * ({@link Chdb}), so that the tests reach a real ClickHouse through the official driver as a user's server would be
 * reached: the query from the {@code query} parameter and the body, the database and output format from their
 * headers or parameters, the other parameters as the statement's own {@code SETTINGS} clause (chDB keeps settings
 * per session, and {@code readonly} cannot be unset once set), and an error as HTTP 500 with ClickHouse's message and
 * its code in {@code X-ClickHouse-Exception-Code}.
 *
 * <p>A query that reads ({@code SELECT}, {@code WITH}) runs block by block under its {@code query_id}, and
 * {@code KILL QUERY WHERE query_id = '…'} (what the driver's {@code Statement.cancel()} sends, on a connection of its
 * own) stops it before its next block, as a server does; the killed query then fails with ClickHouse's
 * {@code QUERY_WAS_CANCELLED}. What the embedded engine cannot do, the front does not pretend to: output is not
 * compressed (connect with {@code compress=false}), and a query that sends no block before its end (an aggregate)
 * runs to its end (chDB runs one query at a time per session and takes no call while it computes a block).
 */
final class ClickHouseHttpFront implements HttpHandler {
  /** The parameters of the HTTP interface that are not settings. */
  private static final Set<String> CONTROL = Set.of("query", "database", "default_format", "query_id", "session_id",
      "session_timeout", "session_check", "compress", "decompress", "wait_end_of_query", "user", "password",
      "buffer_size", "enable_http_compression", "http_zlib_compression_level");
  private static final Pattern CATALOG_READ = Pattern.compile("^\\s*(SHOW|DESC|DESCRIBE|EXISTS|EXPLAIN|KILL|USE)\\b",
      Pattern.CASE_INSENSITIVE);
  /** An INSERT up to its table and column list, where its own settings go. */
  private static final Pattern INSERT_TARGET = Pattern.compile(
      "^\\s*INSERT\\s+INTO\\s+(TABLE\\s+)?[\\w.`\"]+(\\s*\\([^)]*\\))?", Pattern.CASE_INSENSITIVE);
  private static final Pattern CODE = Pattern.compile("^Code: (\\d+)\\.");
  private static final Pattern KILL = Pattern.compile("^\\s*KILL\\s+QUERY\\b.*?\\bquery_id\\s*=\\s*'([^']*)'",
      Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
  private static final Pattern READS = Pattern.compile("^\\s*\\(*\\s*(SELECT|WITH)\\b", Pattern.CASE_INSENSITIVE);

  /**
   * How long a reading query may run before the front stops it as if killed, so that a test whose cancel fails
   * leaves the one session free for the others.
   */
  private static final long LONGEST_READ_NANOS = TimeUnit.MINUTES.toNanos(2);

  private final Chdb chdb;
  private final String timeZone;
  /** Per {@code query_id} of a reading query that was sent, whether a {@code KILL QUERY} asked to stop it. */
  private final Map<String, AtomicBoolean> reading = new ConcurrentHashMap<>();

  ClickHouseHttpFront(Chdb chdb, String timeZone) {
    this.chdb = chdb;
    this.timeZone = timeZone;
  }

  @Override public void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      try {
        respond(exchange);
      } catch (RuntimeException e) {
        // A fault of the front itself, as an error the driver reports, rather than a connection closed unanswered.
        sendError(exchange, "Code: 1001. DB::Exception: the tests' ClickHouse front failed: " + e);
      }
    }
  }

  private void respond(HttpExchange exchange) throws IOException {
    final Map<String, String> parameters = parameters(exchange.getRequestURI().getRawQuery());
    final String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    final String query = parameters.containsKey("query")
        ? parameters.get("query") + (body.isEmpty() ? "" : "\n" + body) : body;
    final String database = first(exchange.getRequestHeaders().getFirst("X-ClickHouse-Database"),
        parameters.get("database"), "default");
    final String format = first(exchange.getRequestHeaders().getFirst("X-ClickHouse-Format"),
        parameters.get("default_format"), "TabSeparated");
    final Map<String, String> settings = new LinkedHashMap<>(parameters);
    settings.keySet().removeAll(CONTROL);
    final Matcher kill = KILL.matcher(query);
    if (kill.find()) {
      kill(kill.group(1));
      exchange.getResponseHeaders().add("X-ClickHouse-Format", format);
      send(exchange, 200, new byte[0]);
      return;
    }
    final Chdb.Outcome outcome = run(database, withSettings(query, settings), format, parameters.get("query_id"));
    exchange.getResponseHeaders().add("X-ClickHouse-Timezone", timeZone);
    exchange.getResponseHeaders().add("X-ClickHouse-Server-Display-Name", "chdb");
    if (parameters.containsKey("query_id")) {
      exchange.getResponseHeaders().add("X-ClickHouse-Query-Id", parameters.get("query_id"));
    }
    if (outcome.error() != null) {
      sendError(exchange, outcome.error());
    } else {
      exchange.getResponseHeaders().add("X-ClickHouse-Format", format);
      send(exchange, 200, outcome.output());
    }
  }

  /** Asks the reading query {@code queryId}, if it runs, to stop before its next block. */
  private void kill(String queryId) {
    final AtomicBoolean stop = reading.get(queryId);
    if (stop != null) {
      stop.set(true);
    }
  }

  /** Runs a statement; one that reads and has an id block by block, so that a kill or the time limit stops it. */
  private Chdb.Outcome run(String database, String statement, String format, String queryId) {
    if (queryId == null || !READS.matcher(statement).find()) {
      return chdb.run(database, statement, format);
    }
    final AtomicBoolean stop = new AtomicBoolean();
    final long deadline = System.nanoTime() + LONGEST_READ_NANOS;
    reading.put(queryId, stop);
    try {
      return chdb.run(database, statement, format, () -> stop.get() || System.nanoTime() > deadline);
    } finally {
      reading.remove(queryId, stop);
    }
  }

  /** ClickHouse's error: HTTP 500, the message as the body and its code in {@code X-ClickHouse-Exception-Code}. */
  private static void sendError(HttpExchange exchange, String error) throws IOException {
    final Matcher code = CODE.matcher(error);
    exchange.getResponseHeaders().add("X-ClickHouse-Exception-Code", code.find() ? code.group(1) : "1001");
    exchange.getResponseHeaders().add("Content-Type", "text/plain; charset=UTF-8");
    send(exchange, 500, (error + "\n").getBytes(StandardCharsets.UTF_8));
  }

  private static void send(HttpExchange exchange, int status, byte[] content) throws IOException {
    exchange.sendResponseHeaders(status, content.length == 0 ? -1 : content.length);
    if (content.length > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(content);
      }
    }
  }

  /**
   * The statement with the request's settings as its own {@code SETTINGS} clause, which ClickHouse applies to that
   * statement alone: after an INSERT's table (and columns), at the end of anything else but a statement that only
   * reads the catalog ({@code SHOW}, {@code DESCRIBE}, …), which takes none.
   */
  private static String withSettings(String query, Map<String, String> settings) {
    if (settings.isEmpty() || CATALOG_READ.matcher(query).find()) {
      return query;
    }
    final String clause = " SETTINGS " + settings.entrySet().stream()
        .map(setting -> setting.getKey() + " = " + ValuesTables.backslashQuoted(setting.getValue()))
        .collect(Collectors.joining(", ")) + " ";
    final Matcher insert = INSERT_TARGET.matcher(query);
    if (insert.find()) {
      return query.substring(0, insert.end()) + clause + query.substring(insert.end());
    }
    String stripped = query.strip();
    while (stripped.endsWith(";")) {
      stripped = stripped.substring(0, stripped.length() - 1).strip();
    }
    return stripped + "\n" + clause.strip();
  }

  private static Map<String, String> parameters(String rawQuery) {
    final Map<String, String> parameters = new LinkedHashMap<>();
    if (rawQuery == null || rawQuery.isEmpty()) {
      return parameters;
    }
    for (String pair : rawQuery.split("&")) {
      final int equals = pair.indexOf('=');
      final String name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
      parameters.put(name, equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
    }
    return parameters;
  }

  private static String first(String a, String b, String otherwise) {
    return a != null ? a : b != null ? b : otherwise;
  }
}
