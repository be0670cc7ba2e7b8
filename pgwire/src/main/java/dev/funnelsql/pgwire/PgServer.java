package dev.funnelsql.pgwire;

import dev.funnelsql.jdbc.FunnelDriver;
import dev.funnelsql.pgwire.auth.LoginThrottle;
import dev.funnelsql.pgwire.protocol.FrontendDecoder;
import dev.funnelsql.pgwire.session.CancelRegistry;
import dev.funnelsql.pgwire.session.ServerContext;
import dev.funnelsql.pgwire.session.SessionLimits;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.timeout.IdleStateHandler;
import java.net.InetSocketAddress;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;

/**
 * A PostgreSQL wire protocol (v3) server over FunnelSQL: each client session gets its own {@code jdbc:funnelsql:}
 * connection, so psql, pgjdbc, psycopg2/SQLAlchemy (Superset), DBeaver, Grafana or Tableau can query funnels,
 * segments and cohorts as if FunnelSQL were PostgreSQL. Netty carries the bytes; the protocol is FunnelSQL's own.
 */
public final class PgServer implements AutoCloseable, ServerContext {
  /** How long a client may take from connecting to logging in, as PostgreSQL's {@code authentication_timeout}. */
  static final long AUTHENTICATION_TIMEOUT_MILLIS = 60_000;

  private final ServerConfig config;
  private final CancelRegistry cancels = new CancelRegistry();
  private final ConnectionLimit connections;
  private final LoginThrottle throttle = new LoginThrottle();
  private final FunnelDriver driver = new FunnelDriver();
  private final EventLoopGroup boss;
  private final EventLoopGroup workers;
  private final Channel channel;

  private PgServer(ServerConfig config) throws InterruptedException {
    this.config = config.checked();
    this.connections = new ConnectionLimit(this.config.maxConnections());
    this.boss = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    this.workers = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
    try {
      final ServerBootstrap bootstrap = new ServerBootstrap()
          .group(boss, workers)
          .channel(NioServerSocketChannel.class)
          .childOption(ChannelOption.TCP_NODELAY, true)
          .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(256 << 10, 1 << 20))
          .childHandler(new ChannelInitializer<SocketChannel>() {
            @Override protected void initChannel(SocketChannel socket) {
              socket.pipeline().addLast(new IdleStateHandler(AUTHENTICATION_TIMEOUT_MILLIS, 0,
                  PgServer.this.config.limits().idleTimeout().toMillis(), TimeUnit.MILLISECONDS),
                  new FrontendDecoder(),
                  new ConnectionHandler(PgServer.this, PgServer.this.config, connections, throttle));
            }
          });
      this.channel = bootstrap.bind(new InetSocketAddress(config.bindAddress(), config.port())).sync().channel();
    } catch (InterruptedException | RuntimeException e) {
      boss.shutdownGracefully();
      workers.shutdownGracefully();
      throw e;
    }
  }

  /**
   * Opens one FunnelSQL connection first (so a broken model or unreachable store fails now, and the first client
   * does not wait for Calcite to warm up), then starts listening. Throws IllegalArgumentException if the config
   * breaks a security rule.
   */
  public static PgServer start(ServerConfig config) throws InterruptedException, SQLException {
    final PgServer server = new PgServer(config.checked());
    try (Connection warmUp = server.connect(); java.sql.Statement statement = warmUp.createStatement();
        java.sql.ResultSet rows = statement.executeQuery("SELECT 1")) {
      rows.next();
    } catch (SQLException | RuntimeException e) {
      server.close();
      throw e;
    }
    return server;
  }

  /** The port it listens on (useful with port 0). */
  public int port() {
    return ((InetSocketAddress) channel.localAddress()).getPort();
  }

  /** The configuration it runs with. */
  public ServerConfig config() {
    return config;
  }

  /** Waits until the server is closed. */
  public void awaitClose() throws InterruptedException {
    channel.closeFuture().sync();
  }

  @Override public Connection connect() throws SQLException {
    final Connection connection = driver.connect(FunnelDriver.PREFIX, config.connectionProperties());
    if (connection == null) {
      throw new SQLException("the FunnelSQL driver did not accept the connection", "08001");
    }
    return connection;
  }

  @Override public String funnelsqlVersion() {
    return FunnelDriver.version();
  }

  @Override public CancelRegistry cancels() {
    return cancels;
  }

  @Override public SessionLimits limits() {
    return config.limits();
  }

  /** Stops listening and closes every client connection. */
  @Override public void close() {
    channel.close().syncUninterruptibly();
    workers.shutdownGracefully(0, 5, TimeUnit.SECONDS).syncUninterruptibly();
    boss.shutdownGracefully(0, 5, TimeUnit.SECONDS).syncUninterruptibly();
  }
}
