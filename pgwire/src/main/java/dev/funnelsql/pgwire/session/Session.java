package dev.funnelsql.pgwire.session;

import dev.funnelsql.pgwire.catalog.CatalogQueries;
import dev.funnelsql.pgwire.catalog.PgCatalog;
import dev.funnelsql.pgwire.protocol.BackendMessages;
import dev.funnelsql.pgwire.protocol.FrontendMessage;
import dev.funnelsql.pgwire.protocol.ResultColumn;
import dev.funnelsql.pgwire.sql.CalciteSql;
import dev.funnelsql.pgwire.sql.PostgresToCalcite;
import dev.funnelsql.pgwire.sql.SqlTree.Group;
import dev.funnelsql.pgwire.sql.Statements;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * One client's session after authentication, as the protocol state machine: it carries out the simple and extended
 * query protocols message by message (prepared statements, portals, errors until Sync, ReadyForQuery) over the
 * session's {@link SessionState} (settings, transaction, search path) and {@link SessionConnection} (the
 * {@code jdbc:funnelsql:} connection that runs statements). All methods but {@link #cancel} run on the session's own
 * thread, in the order messages arrived.
 */
public final class Session implements AutoCloseable {
  private final CancelRegistry cancels;
  private final ServerContext server;
  private final ClientChannel client;
  private final BackendMessages out;
  private final SessionState state;
  private final SessionConnection connection;
  private final SessionCommands commands;
  private final SessionCatalog catalog;
  private final Map<String, PreparedQuery> statements = new HashMap<>();
  private final Map<String, Portal> portals = new HashMap<>();
  private final Cursors cursors = new Cursors();
  private final SessionLimits limits;
  private boolean skipUntilSync;

  /** A session for an authenticated client; {@link #start} opens its connection. */
  public Session(ServerContext server, ClientChannel client, Map<String, String> startup, String user) {
    this.server = server;
    this.cancels = server.cancels();
    this.client = client;
    this.out = client.messages();
    this.limits = server.limits();
    this.state = new SessionState(user, startup.getOrDefault("database", user), cancels.nextProcessId(),
        cancels.nextSecret(), server.funnelsqlVersion(), PgDuration.show(limits.statementTimeout().toMillis()));
    state.settings().set("application_name", startup.getOrDefault("application_name", ""));
    this.connection = new SessionConnection("funnelsql-pg-" + state.processId());
    this.commands = new SessionCommands(state, new Control());
    this.catalog = new SessionCatalog(state, connection);
    client.stopWhen(connection::stopReason);
  }

  /** The process id the client got in BackendKeyData (names the session's threads). */
  public int processId() {
    return state.processId();
  }

  /**
   * Opens the FunnelSQL connection and greets the client (ParameterStatus, BackendKeyData, ReadyForQuery); returns
   * false, after telling the client why, if the connection cannot be opened.
   */
  public boolean start() {
    try {
      connection.open(server);
    } catch (SQLException | RuntimeException e) {
      final ErrorReport report = ErrorReport.of(e, null);
      sendQuietly(out.notice('E', new ErrorReport("FATAL", report.sqlState(), report.message()).fields()));
      client.flush();
      return false;
    }
    cancels.register(state.processId(), state.secret(), connection);
    try {
      for (Map.Entry<String, String> entry : state.settings().all().entrySet()) {
        if (SessionSettings.REPORTED.contains(entry.getKey())) {
          client.send(out.parameterStatus(SessionSettings.displayName(entry.getKey()), entry.getValue()));
        }
      }
      client.send(out.backendKeyData(state.processId(), state.secret()));
      client.send(out.readyForQuery(state.transaction().status()));
      client.flush();
    } catch (SQLException e) {
      return false;
    }
    return true;
  }

  /** Whether the session is carrying out a request (its messages up to ReadyForQuery), so it is not idle. */
  public boolean busy() {
    return connection.inRequest();
  }

  /** The session's {@code statement_timeout} in milliseconds (validated when it was set). */
  private long statementTimeoutMillis() {
    try {
      return PgDuration.millis("statement_timeout", String.valueOf(state.settings().get("statement_timeout")));
    } catch (SQLException e) {
      return limits.statementTimeout().toMillis();
    }
  }

  /** Carries out one message from the client. */
  public void handle(FrontendMessage message) {
    connection.beginRequest(statementTimeoutMillis());
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
    if (!state.transaction().inBlock()) {
      closePortals();
    }
    readyForQuery();
  }

  private void readyForQuery() throws SQLException {
    connection.endRequest();
    client.send(out.readyForQuery(state.transaction().status()));
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
    final PreparedQuery query = parts.isEmpty() ? new InternalQuery(commands::run, "SHOW client_encoding", true,
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
    final List<@Nullable Object> values = WireValues.decode(types, bind.values(), bind.parameterFormats());
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
    if (!state.transaction().inBlock()) {
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

  /** A portal by name: one bound by Bind, or a cursor's, as DECLARE makes a portal in PostgreSQL (psycopg 3). */
  private Portal portal(String name) throws SQLException {
    @Nullable Portal portal = portals.get(name);
    if (portal == null) {
      portal = cursors.portal(name);
    }
    if (portal == null) {
      throw new SQLException("portal \"" + name + "\" does not exist", "34000");
    }
    return portal;
  }

  // ----- running statements -----

  /** Decides who answers a statement: the session (commands, catalog queries) or FunnelSQL. */
  private PreparedQuery prepare(Group statement, int[] parameterTypes) throws SQLException {
    if (Cursors.handles(statement)) {
      return cursors.prepare(statement, state.transaction().inBlock(), query -> prepare(query, new int[0]));
    }
    if (SessionCommands.handles(statement)) {
      return new InternalQuery(commands::run, statement.sql(), true, parameterTypes);
    }
    if (CatalogQueries.isCatalogQuery(statement)) {
      return new InternalQuery(query -> CatalogQueries.answer(query, catalog), statement.sql(), false, parameterTypes);
    }
    final CalciteSql sql = PostgresToCalcite.translate(statement,
        table -> state.searchPathSchema(table, connection.catalogIfRead()));
    return connection.runCancellable(() -> JdbcQuery.prepare(connection, sql, parameterTypes));
  }

  private void checkNotFailed(PreparedQuery query) throws SQLException {
    if (state.transaction().failed() && !query.endsTransaction()) {
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
      connection.checkNotCancelled();
      final @Nullable Object @Nullable [] row = rows.next();
      if (row == null) {
        portal.close();
        client.send(out.commandComplete(rows.tag(portal.sent(count))));
        return;
      }
      if (limits.maxResultRows() > 0 && portal.sent() + count >= limits.maxResultRows()) {
        throw new SQLException("the result has more than " + limits.maxResultRows() + " rows, the server's limit "
            + "per statement (--max-result-rows): aggregate, filter or add a LIMIT", "54000");
      }
      final io.netty.buffer.ByteBuf data = out.dataRow(WireValues.encode(columns, formats, row));
      if (limits.maxResultBytes() > 0 && portal.bytes(data.readableBytes()) > limits.maxResultBytes()) {
        data.release();
        throw new SQLException("the result is larger than " + limits.maxResultBytes() + " bytes, the server's limit "
            + "per statement (--max-result-bytes): aggregate, filter or add a LIMIT", "54000");
      }
      client.send(data);
      count++;
    }
    portal.sent(count);
    client.send(out.portalSuspended());
  }

  private void error(Throwable e) throws SQLException {
    final @Nullable String stopped = connection.takeStopReason(e);
    state.transaction().fail();
    client.send(out.notice('E', ErrorReport.of(e, stopped).fields()));
  }

  private void sendQuietly(io.netty.buffer.ByteBuf message) {
    try {
      client.send(message);
    } catch (SQLException ignored) {
      // The client is gone; there is no one left to tell.
    }
  }

  /**
   * Cancels what the session is doing for the client's current request, if anything (from a CancelRequest or a
   * closed channel, on another thread); a cancel between requests does nothing, as in PostgreSQL.
   */
  public void cancel() {
    connection.cancel();
  }

  private void closePortals() {
    portals.values().forEach(Portal::close);
    portals.clear();
  }

  private void closeStatements() {
    statements.values().forEach(PreparedQuery::close);
    statements.clear();
  }

  /** Closes portals, statements and the FunnelSQL connection. */
  @Override public void close() {
    cancels.unregister(state.processId(), connection);
    closePortals();
    closeStatements();
    cursors.close();
    connection.close();
  }

  /** What session commands do to this session beyond its state. */
  private final class Control implements SessionControl {
    @Override public void beginBlock() throws SQLException {
      if (!state.transaction().begin()) {
        notice("25001", "there is already a transaction in progress");
      }
    }

    @Override public char endBlock() throws SQLException {
      if (!state.transaction().inBlock()) {
        notice("25P01", "there is no transaction in progress");
      }
      final char previous = state.transaction().end();
      closePortals();
      cursors.endOfTransaction();
      return previous;
    }

    private void notice(String sqlState, String message) throws SQLException {
      client.send(out.notice('N', new ErrorReport("WARNING", sqlState, message).fields()));
    }

    @Override public void setParameter(String name, String value) throws SQLException {
      if (name.equalsIgnoreCase("statement_timeout")) {
        state.settings().set(name, PgDuration.show(PgDuration.millis(name, value)));
        return;
      }
      if (state.settings().set(name, value)) {
        final String key = name.toLowerCase(Locale.ROOT);
        client.send(out.parameterStatus(SessionSettings.displayName(key),
            String.valueOf(state.settings().get(key))));
      }
    }

    @Override public void setSearchPath(List<String> schemas) throws SQLException {
      final String text = String.join(", ", schemas);
      state.searchPath(text, null);
      final PgCatalog pgCatalog = connection.catalog();
      for (String schema : schemas) {
        for (PgCatalog.Namespace namespace : pgCatalog.namespaces()) {
          if (namespace.name().equalsIgnoreCase(schema)) {
            final boolean storeSchema = pgCatalog.relations().stream().anyMatch(relation -> relation.kind() == 'r'
                && relation.namespace().equals(namespace));
            if (storeSchema) {
              connection.connection().setSchema(namespace.name());
            } else {
              state.searchPath(text, namespace.name());
            }
            return;
          }
        }
      }
    }

    @Override public String searchPath() throws SQLException {
      final @Nullable String path = state.searchPath();
      return path != null ? path : catalog.currentSchema();
    }

    @Override public void discardAll() {
      closePortals();
      cursors.close();
      closeStatements();
      state.resetSettings();
    }
  }
}
