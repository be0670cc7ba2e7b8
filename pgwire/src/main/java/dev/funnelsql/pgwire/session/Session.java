package dev.funnelsql.pgwire.session;

import dev.funnelsql.pgwire.catalog.CatalogContext;
import dev.funnelsql.pgwire.catalog.CatalogQueries;
import dev.funnelsql.pgwire.catalog.PgCatalog;
import dev.funnelsql.pgwire.protocol.BackendMessages;
import dev.funnelsql.pgwire.protocol.BinaryValues;
import dev.funnelsql.pgwire.protocol.FrontendMessage;
import dev.funnelsql.pgwire.protocol.PgType;
import dev.funnelsql.pgwire.protocol.ResultColumn;
import dev.funnelsql.pgwire.protocol.TextValues;
import dev.funnelsql.pgwire.sql.CalciteSql;
import dev.funnelsql.pgwire.sql.PostgresToCalcite;
import dev.funnelsql.pgwire.sql.SqlTree.Group;
import dev.funnelsql.pgwire.sql.Statements;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * One client's session after authentication: its {@code jdbc:funnelsql:} connection, prepared statements and
 * portals, transaction status and settings; it carries out the simple and extended query protocols message by
 * message. All methods but {@link #cancel} run on the session's own thread, in the order messages arrived.
 */
public final class Session implements CatalogContext, AutoCloseable {
  private final ServerContext server;
  private final ClientChannel client;
  private final BackendMessages out;
  private final String user;
  private final String database;
  private final int processId;
  private final int secret;
  private final SessionSettings settings;
  private final TransactionState transaction = new TransactionState();
  private final Map<String, PreparedQuery> statements = new HashMap<>();
  private final Map<String, Portal> portals = new HashMap<>();
  private final StatementRunner runner;
  private @Nullable Connection connection;
  private @Nullable PgCatalog catalog;
  private @Nullable String searchPath;
  private @Nullable String pathSchema;
  private boolean skipUntilSync;
  private volatile boolean inRequest;
  private volatile boolean cancelRequested;
  private volatile @Nullable Statement running;

  /** A session for an authenticated client; {@link #start} opens its connection. */
  public Session(ServerContext server, ClientChannel client, Map<String, String> startup, String user) {
    this.server = server;
    this.client = client;
    this.out = client.messages();
    this.user = user;
    this.database = startup.getOrDefault("database", user);
    this.processId = server.cancels().nextProcessId();
    this.secret = server.cancels().nextSecret();
    this.settings = new SessionSettings(user, server.funnelsqlVersion());
    settings.set("application_name", startup.getOrDefault("application_name", ""));
    this.runner = new StatementRunner("funnelsql-pg-" + processId);
  }

  /**
   * Opens the FunnelSQL connection and greets the client (ParameterStatus, BackendKeyData, ReadyForQuery); returns
   * false, after telling the client why, if the connection cannot be opened.
   */
  public boolean start() {
    try {
      connection = server.connect();
    } catch (SQLException | RuntimeException e) {
      final ErrorReport report = ErrorReport.of(e, false);
      sendQuietly(out.notice('E', new ErrorReport("FATAL", report.sqlState(), report.message()).fields()));
      client.flush();
      return false;
    }
    server.cancels().register(this);
    try {
      for (Map.Entry<String, String> entry : settings.all().entrySet()) {
        if (SessionSettings.REPORTED.contains(entry.getKey())) {
          client.send(out.parameterStatus(SessionSettings.displayName(entry.getKey()), entry.getValue()));
        }
      }
      client.send(out.backendKeyData(processId, secret));
      client.send(out.readyForQuery(transaction.status()));
      client.flush();
    } catch (SQLException e) {
      return false;
    }
    return true;
  }

  /** Carries out one message from the client. */
  public void handle(FrontendMessage message) {
    if (!inRequest) {
      cancelRequested = false;
      inRequest = true;
    }
    try {
      if (message instanceof FrontendMessage.Query) {
        simpleQuery(((FrontendMessage.Query) message).sql());
      } else if (message instanceof FrontendMessage.Sync) {
        sync();
      } else if (message instanceof FrontendMessage.Flush) {
        client.flush();
      } else if (message instanceof FrontendMessage.Unsupported) {
        // Function calls, COPY data, …: refused like a statement, and the client may go on.
        error(new SQLException("unsupported protocol message '" + ((FrontendMessage.Unsupported) message).type()
            + "': FunnelSQL answers queries only", "0A000"));
        readyForQuery();
      } else if (skipUntilSync) {
        return;
      } else {
        extended(message);
      }
    } catch (SQLException e) {
      // The client went away while rows were being sent; the channel handler closes the session.
      client.flush();
    }
  }

  private void extended(FrontendMessage message) throws SQLException {
    try {
      if (message instanceof FrontendMessage.Parse) {
        parse((FrontendMessage.Parse) message);
      } else if (message instanceof FrontendMessage.Bind) {
        bind((FrontendMessage.Bind) message);
      } else if (message instanceof FrontendMessage.Describe) {
        describe((FrontendMessage.Describe) message);
      } else if (message instanceof FrontendMessage.Execute) {
        execute((FrontendMessage.Execute) message);
      } else if (message instanceof FrontendMessage.Close) {
        closeObject((FrontendMessage.Close) message);
      } else {
        throw new SQLException("unexpected protocol message " + message.getClass().getSimpleName(), "08P01");
      }
    } catch (SQLException | RuntimeException e) {
      if (!client.isOpen()) {
        throw new SQLException("client gone", "08006", e);
      }
      error(e);
      skipUntilSync = true;
    }
  }

  // ----- simple query protocol -----

  private void simpleQuery(String sql) throws SQLException {
    try {
      final List<Group> parts = Statements.split(sql);
      if (parts.isEmpty()) {
        client.send(out.emptyQueryResponse());
      }
      for (Group statement : parts) {
        try (PreparedQuery query = prepare(statement, new int[0])) {
          checkNotFailed(query);
          final Portal portal = new Portal(query, List.of(), new short[0]);
          try {
            final List<ResultColumn> columns = portal.rows().columns();
            if (!columns.isEmpty()) {
              client.send(out.rowDescription(columns, new short[0]));
            }
            sendRows(portal, 0);
          } finally {
            portal.close();
          }
        }
      }
    } catch (SQLException | RuntimeException e) {
      if (!client.isOpen()) {
        throw new SQLException("client gone", "08006", e);
      }
      error(e);
    }
    if (!transaction.inBlock()) {
      closePortals();
    }
    readyForQuery();
  }

  private void readyForQuery() throws SQLException {
    inRequest = false;
    client.send(out.readyForQuery(transaction.status()));
    client.flush();
  }

  // ----- extended query protocol -----

  private void parse(FrontendMessage.Parse parse) throws SQLException {
    if (!parse.statement().isEmpty() && statements.containsKey(parse.statement())) {
      throw new SQLException("prepared statement \"" + parse.statement() + "\" already exists", "42P05");
    }
    final List<Group> parts = Statements.split(parse.sql());
    if (parts.size() > 1) {
      throw new SQLException("cannot insert multiple commands into a prepared statement", "42601");
    }
    final PreparedQuery query = parts.isEmpty() ? new InternalQuery(this, "SHOW client_encoding", true,
        new int[0]) : prepare(parts.get(0), parse.parameterTypes());
    final @Nullable PreparedQuery previous = statements.put(parse.statement(), query);
    if (previous != null) {
      previous.close();
    }
    client.send(out.parseComplete());
  }

  private void bind(FrontendMessage.Bind bind) throws SQLException {
    final PreparedQuery query = statement(bind.statement());
    final int[] types = query.parameterTypes();
    if (bind.values().length != types.length) {
      throw new SQLException("bind message supplies " + bind.values().length + " parameters, but prepared "
          + "statement \"" + bind.statement() + "\" requires " + types.length, "08P01");
    }
    final List<@Nullable Object> values = new ArrayList<>();
    for (int i = 0; i < types.length; i++) {
      final byte @Nullable [] bytes = bind.values()[i];
      final @Nullable PgType type = PgType.byOid(types[i]);
      final PgType target = type == null ? PgType.TEXT : type;
      if (bytes == null) {
        values.add(null);
      } else if (BackendMessages.formatOf(bind.parameterFormats(), i) == BackendMessages.BINARY) {
        values.add(BinaryValues.parse(target, bytes));
      } else {
        values.add(TextValues.parse(target, new String(bytes, StandardCharsets.UTF_8)));
      }
    }
    final @Nullable Portal previous = portals.put(bind.portal(), new Portal(query, values, bind.resultFormats()));
    if (previous != null) {
      previous.close();
    }
    client.send(out.bindComplete());
  }

  private void describe(FrontendMessage.Describe describe) throws SQLException {
    if (describe.kind() == 'S') {
      final PreparedQuery query = statement(describe.name());
      client.send(out.parameterDescription(query.parameterTypes()));
      sendDescription(query.describe(), new short[0]);
    } else {
      final Portal portal = portal(describe.name());
      sendDescription(portal.columns(), portal.resultFormats());
    }
  }

  private void sendDescription(List<ResultColumn> columns, short[] formats) throws SQLException {
    client.send(columns.isEmpty() ? out.noData() : out.rowDescription(columns, formats));
  }

  private void execute(FrontendMessage.Execute execute) throws SQLException {
    final Portal portal = portal(execute.portal());
    checkNotFailed(portal.query());
    sendRows(portal, execute.maxRows());
  }

  private void closeObject(FrontendMessage.Close close) throws SQLException {
    if (close.kind() == 'S') {
      final @Nullable PreparedQuery query = statements.remove(close.name());
      if (query != null) {
        query.close();
      }
    } else {
      final @Nullable Portal portal = portals.remove(close.name());
      if (portal != null) {
        portal.close();
      }
    }
    client.send(out.closeComplete());
  }

  private void sync() throws SQLException {
    skipUntilSync = false;
    if (!transaction.inBlock()) {
      closePortals();
    }
    readyForQuery();
  }

  private PreparedQuery statement(String name) throws SQLException {
    final @Nullable PreparedQuery query = statements.get(name);
    if (query == null) {
      throw new SQLException("prepared statement \"" + name + "\" does not exist", "26000");
    }
    return query;
  }

  private Portal portal(String name) throws SQLException {
    final @Nullable Portal portal = portals.get(name);
    if (portal == null) {
      throw new SQLException("portal \"" + name + "\" does not exist", "34000");
    }
    return portal;
  }

  // ----- running statements -----

  /** Decides who answers a statement: the session (commands, catalog queries) or FunnelSQL. */
  private PreparedQuery prepare(Group statement, int[] parameterTypes) throws SQLException {
    if (SessionCommands.handles(statement)) {
      return new InternalQuery(this, statement.sql(), true, parameterTypes);
    }
    if (CatalogQueries.isCatalogQuery(statement)) {
      return new InternalQuery(this, statement.sql(), false, parameterTypes);
    }
    final CalciteSql sql = PostgresToCalcite.translate(statement, this::searchPathSchema);
    return runCancellable(() -> JdbcQuery.prepare(this, connection(), sql, parameterTypes));
  }

  private void checkNotFailed(PreparedQuery query) throws SQLException {
    if (transaction.failed() && !query.endsTransaction()) {
      throw new SQLException("current transaction is aborted, commands ignored until end of transaction block",
          "25P02");
    }
  }

  /** Sends up to {@code maxRows} rows (0: all), then CommandComplete, or PortalSuspended if the limit stopped it. */
  private void sendRows(Portal portal, int maxRows) throws SQLException {
    final RowStream rows = portal.rows();
    final List<ResultColumn> columns = rows.columns();
    final short[] formats = portal.resultFormats();
    long count = 0;
    while (maxRows <= 0 || count < maxRows) {
      if (cancelRequested) {
        throw new SQLException("canceling statement due to user request", "57014");
      }
      final @Nullable Object @Nullable [] row = rows.next();
      if (row == null) {
        portal.close();
        client.send(out.commandComplete(rows.tag(portal.sent(count))));
        return;
      }
      client.send(out.dataRow(encode(columns, formats, row)));
      count++;
    }
    portal.sent(count);
    client.send(out.portalSuspended());
  }

  /** Runs a FunnelSQL call so that a CancelRequest ends the wait (see {@link StatementRunner}). */
  <T> T runCancellable(StatementRunner.Call<T> call) throws SQLException {
    return runner.call(call, () -> cancelRequested);
  }

  private static byte[][] encode(List<ResultColumn> columns, short[] formats, @Nullable Object[] row) {
    final byte[][] values = new byte[row.length][];
    for (int i = 0; i < row.length; i++) {
      final PgType type = columns.get(i).type();
      values[i] = BackendMessages.formatOf(formats, i) == BackendMessages.BINARY ? BinaryValues.bytes(type, row[i])
          : TextValues.bytes(type, row[i]);
    }
    return values;
  }

  private void error(Throwable e) throws SQLException {
    final boolean cancelled = cancelRequested || e instanceof SQLException && "57014".equals(
        ((SQLException) e).getSQLState());
    cancelRequested = false;
    transaction.fail();
    client.send(out.notice('E', ErrorReport.of(e, cancelled).fields()));
  }

  private void sendQuietly(io.netty.buffer.ByteBuf message) {
    try {
      client.send(message);
    } catch (SQLException ignored) {
      // The client is gone; there is no one left to tell.
    }
  }

  /**
   * Cancels what the session is doing for the client's current request, if anything (from a CancelRequest, on
   * another thread); a cancel between requests does nothing, as in PostgreSQL.
   */
  public void cancel() {
    if (!inRequest) {
      return;
    }
    cancelRequested = true;
    final @Nullable Statement statement = running;
    if (statement != null) {
      try {
        statement.cancel();
      } catch (SQLException | RuntimeException ignored) {
        // The flag stops the row loop at the next row whether or not the driver could interrupt the statement.
      }
    }
  }

  void running(@Nullable Statement statement) {
    running = statement;
  }

  // ----- what session commands change -----

  TransactionState transaction() {
    return transaction;
  }

  SessionSettings settings() {
    return settings;
  }

  void beginBlock() throws SQLException {
    if (!transaction.begin()) {
      notice("25001", "there is already a transaction in progress");
    }
  }

  char endBlock(boolean rollback) throws SQLException {
    if (!transaction.inBlock()) {
      notice("25P01", "there is no transaction in progress");
    }
    final char previous = transaction.end();
    closePortals();
    return previous;
  }

  private void notice(String state, String message) throws SQLException {
    client.send(out.notice('N', new ErrorReport("WARNING", state, message).fields()));
  }

  void setParameter(String name, String value) throws SQLException {
    if (settings.set(name, value)) {
      final String key = name.toLowerCase(java.util.Locale.ROOT);
      client.send(out.parameterStatus(SessionSettings.displayName(key), String.valueOf(settings.get(key))));
    }
  }

  /**
   * {@code SET search_path}: unqualified names resolve in the first listed schema that exists. A store schema
   * becomes FunnelSQL's default schema; a model schema ({@code funnels}, …) is instead written into the queries'
   * FROM clauses, since the model's views resolve their own names against the default schema.
   */
  void setSearchPath(List<String> schemas) throws SQLException {
    searchPath = String.join(", ", schemas);
    pathSchema = null;
    for (String schema : schemas) {
      for (PgCatalog.Namespace namespace : catalog().namespaces()) {
        if (namespace.name().equalsIgnoreCase(schema)) {
          final boolean storeSchema = catalog().relations().stream().anyMatch(relation -> relation.kind() == 'r'
              && relation.namespace().equals(namespace));
          if (storeSchema) {
            connection().setSchema(namespace.name());
          } else {
            pathSchema = namespace.name();
          }
          return;
        }
      }
    }
  }

  /** The schema an unqualified table name resolves in through {@code search_path}, if it is not the default. */
  private @Nullable String searchPathSchema(String table) {
    if (pathSchema == null || catalog == null) {
      return null;
    }
    return catalog.relation(pathSchema, table) != null ? pathSchema : null;
  }

  String searchPath() throws SQLException {
    return searchPath != null ? searchPath : currentSchema();
  }

  void resetSettings() {
    settings.reset(user, server.funnelsqlVersion());
  }

  /** DISCARD ALL: prepared statements, portals and settings go. */
  void discardAll() {
    closePortals();
    statements.values().forEach(PreparedQuery::close);
    statements.clear();
    resetSettings();
  }

  private void closePortals() {
    portals.values().forEach(Portal::close);
    portals.clear();
  }

  Connection connection() throws SQLException {
    if (connection == null) {
      throw new SQLException("the session has no connection", "08003");
    }
    return connection;
  }

  // ----- CatalogContext -----

  @Override public PgCatalog catalog() throws SQLException {
    if (catalog == null) {
      catalog = PgCatalog.read(connection().getMetaData());
    }
    return catalog;
  }

  @Override public String database() {
    return database;
  }

  @Override public String user() {
    return user;
  }

  @Override public String currentSchema() throws SQLException {
    final @Nullable String schema = pathSchema != null ? pathSchema : connection().getSchema();
    return schema == null ? "" : schema;
  }

  @Override public int processId() {
    return processId;
  }

  int secret() {
    return secret;
  }

  @Override public String versionString() {
    return "PostgreSQL " + SessionSettings.SERVER_VERSION + " on x86_64-pc-linux-gnu, compiled by FunnelSQL "
        + server.funnelsqlVersion() + ", 64-bit";
  }

  @Override public @Nullable String setting(String name) {
    return settings.get(name);
  }

  @Override public Map<String, String> allSettings() {
    return new LinkedHashMap<>(settings.all());
  }

  /** Closes portals, statements and the FunnelSQL connection. */
  @Override public void close() {
    server.cancels().unregister(this);
    runner.close();
    closePortals();
    statements.values().forEach(PreparedQuery::close);
    statements.clear();
    if (connection != null) {
      try {
        connection.close();
      } catch (SQLException ignored) {
        // Closing at the end of a session; the store's connection is released either way.
      }
      connection = null;
    }
  }
}
