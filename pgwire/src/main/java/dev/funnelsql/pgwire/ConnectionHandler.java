package dev.funnelsql.pgwire;

import dev.funnelsql.pgwire.auth.Authenticator;
import dev.funnelsql.pgwire.auth.LoginThrottle;
import dev.funnelsql.pgwire.protocol.BackendMessages;
import dev.funnelsql.pgwire.protocol.FrontendMessage;
import dev.funnelsql.pgwire.protocol.ProtocolException;
import dev.funnelsql.pgwire.session.ClientChannel;
import dev.funnelsql.pgwire.session.ErrorReport;
import dev.funnelsql.pgwire.session.ServerContext;
import dev.funnelsql.pgwire.session.Session;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * One client connection from the first byte to the last: answers SSLRequest ('S' and a TLS handshake where the
 * server offers TLS, 'N' otherwise), refuses what the security rules forbid, passes CancelRequests on,
 * runs the authentication exchange, then hands every message to the client's {@link Session} on the session's own
 * thread (FunnelSQL's JDBC calls block; Netty's threads must not).
 */
final class ConnectionHandler extends SimpleChannelInboundHandler<FrontendMessage> {
  private static final Logger LOG = Logger.getLogger(ConnectionHandler.class.getName());
  private static final String TLS_HANDLER = "tls";

  private final ServerContext server;
  private final ServerConfig config;
  private final ConnectionLimit limit;
  private final LoginThrottle throttle;
  private @Nullable ClientChannel client;
  private @Nullable Authenticator authenticator;
  private @Nullable Map<String, String> startup;
  private @Nullable String user;
  private @Nullable Session session;
  private @Nullable ExecutorService executor;
  private boolean admitted;
  private boolean loginFailed;

  /**
   * A handler for one new connection to a server that runs with {@code config} under {@code limit}, failed logins
   * slowed down by {@code throttle}.
   */
  ConnectionHandler(ServerContext server, ServerConfig config, ConnectionLimit limit, LoginThrottle throttle) {
    this.server = server;
    this.config = config;
    this.limit = limit;
    this.throttle = throttle;
  }

  @Override public void channelActive(ChannelHandlerContext ctx) {
    client = new ClientChannel(ctx.channel());
    ctx.fireChannelActive();
  }

  @Override protected void channelRead0(ChannelHandlerContext ctx, FrontendMessage message) {
    if (loginFailed) {
      return;
    }
    final BackendMessages out = client().messages();
    if (session != null) {
      if (message instanceof FrontendMessage.Terminate) {
        ctx.close();
        return;
      }
      submit(ctx, () -> session.handle(message));
      return;
    }
    if (message instanceof FrontendMessage.SslRequest && config.tls().offered() && !encrypted(ctx)) {
      // 'S' leaves unencrypted; every byte after it, both ways, goes through TLS.
      ctx.writeAndFlush(out.singleByte('S'));
      ctx.pipeline().addFirst(TLS_HANDLER, config.tls().newHandler(ctx.alloc()));
    } else if (message instanceof FrontendMessage.SslRequest
        || message instanceof FrontendMessage.GssEncryptionRequest) {
      ctx.writeAndFlush(out.singleByte('N'));
    } else if (message instanceof FrontendMessage.CancelRequest) {
      final FrontendMessage.CancelRequest cancel = (FrontendMessage.CancelRequest) message;
      server.cancels().cancel(cancel.processId(), cancel.secretKey());
      ctx.close();
    } else if (message instanceof FrontendMessage.Startup) {
      startup(ctx, (FrontendMessage.Startup) message);
    } else if (message instanceof FrontendMessage.Password && authenticator != null) {
      step(ctx, authenticator.onPassword(((FrontendMessage.Password) message).payload()));
    } else if (message instanceof FrontendMessage.Terminate) {
      ctx.close();
    } else {
      fatal(ctx, "08P01", "unexpected message before authentication completed");
    }
  }

  private void startup(ChannelHandlerContext ctx, FrontendMessage.Startup message) {
    if (message.protocolVersion() >> 16 != 3) {
      fatal(ctx, "0A000", "unsupported frontend protocol");
      return;
    }
    final @Nullable String refusal = config.refusal(encrypted(ctx), peerLoopback(ctx));
    if (refusal != null) {
      fatal(ctx, "28000", refusal);
      return;
    }
    final @Nullable String name = message.parameters().get("user");
    if (name == null || name.isEmpty()) {
      fatal(ctx, "28000", "no PostgreSQL user name specified in startup packet");
      return;
    }
    if (!limit.admit()) {
      fatal(ctx, "53300", "sorry, too many clients already");
      return;
    }
    admitted = true;
    startup = message.parameters();
    user = name;
    authenticator = new Authenticator(config.authMethod(), config.users(), name,
        client().messages());
    step(ctx, authenticator.start());
  }

  private static boolean encrypted(ChannelHandlerContext ctx) {
    return ctx.pipeline().get(TLS_HANDLER) != null;
  }

  private static boolean peerLoopback(ChannelHandlerContext ctx) {
    return peerAddress(ctx).isLoopbackAddress();
  }

  private void step(ChannelHandlerContext ctx, Authenticator.Step step) {
    step.messages().forEach(ctx::write);
    switch (step.state()) {
      case SUCCEEDED:
        throttle.succeeded(peerAddress(ctx));
        ctx.write(client().messages().authenticationOk());
        ctx.flush();
        openSession(ctx);
        break;
      case FAILED:
        failedLogin(ctx);
        break;
      default:
        ctx.flush();
        break;
    }
  }

  /**
   * Answers a failed login after the throttle's delay, ignoring what the client sends meanwhile (a client that hangs
   * up is let go at once), and logs it with the user name and address (the same words whether or not the user
   * exists).
   */
  private void failedLogin(ChannelHandlerContext ctx) {
    final InetAddress peer = peerAddress(ctx);
    final LoginThrottle.Delay delay = throttle.failed(peer, System.currentTimeMillis());
    LOG.warning("failed login for user \"" + printable(String.valueOf(user)) + "\" from " + peer.getHostAddress()
        + " (" + delay.failuresInARow() + " in a row from there; answered after " + delay.pause().toMillis()
        + " ms)");
    loginFailed = true;
    authenticator = null;
    ctx.executor().schedule(() -> fatal(ctx, "28P01", "password authentication failed for user \"" + user + "\""),
        delay.pause().toMillis(), TimeUnit.MILLISECONDS);
  }

  /** A client-chosen name as it may go into a log line: control characters (a forged new line) become '?'. */
  private static String printable(String name) {
    return name.codePoints().map(c -> Character.isISOControl(c) ? '?' : c).collect(StringBuilder::new,
        StringBuilder::appendCodePoint, StringBuilder::append).toString();
  }

  private static InetAddress peerAddress(ChannelHandlerContext ctx) {
    final SocketAddress peer = ctx.channel().remoteAddress();
    return peer instanceof InetSocketAddress && ((InetSocketAddress) peer).getAddress() != null
        ? ((InetSocketAddress) peer).getAddress() : InetAddress.getLoopbackAddress();
  }

  @Override public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
    if (!(event instanceof IdleStateEvent)) {
      ctx.fireUserEventTriggered(event);
      return;
    }
    final IdleState idle = ((IdleStateEvent) event).state();
    final @Nullable Session current = session;
    if (current == null && idle == IdleState.READER_IDLE && authenticator == null) {
      LOG.fine("closing a connection that sent no startup message in time");
      ctx.close();
    } else if (current == null && idle == IdleState.READER_IDLE) {
      fatal(ctx, "08P01", "terminating connection: authentication did not complete in time");
    } else if (current != null && idle == IdleState.ALL_IDLE && !current.busy()) {
      fatal(ctx, "57P05", "terminating connection due to idle-session timeout");
    }
  }

  private void openSession(ChannelHandlerContext ctx) {
    authenticator = null;
    final Session opened = new Session(server, client(), startup == null ? Map.of() : startup, String.valueOf(user));
    session = opened;
    executor = Executors.newSingleThreadExecutor(runnable -> {
      final Thread thread = new Thread(runnable, "funnelsql-pg-" + opened.processId());
      thread.setDaemon(true);
      return thread;
    });
    submit(ctx, () -> {
      if (!opened.start()) {
        client().close();
      }
    });
  }

  private void submit(ChannelHandlerContext ctx, Runnable work) {
    try {
      executor.execute(work);
    } catch (RejectedExecutionException e) {
      ctx.close();
    }
  }

  private void fatal(ChannelHandlerContext ctx, String state, String message) {
    ctx.writeAndFlush(client().messages().notice('E', new ErrorReport("FATAL", state, message).fields()))
        .addListener(ChannelFutureListener.CLOSE);
  }

  @Override public void channelWritabilityChanged(ChannelHandlerContext ctx) {
    client().writabilityChanged();
    ctx.fireChannelWritabilityChanged();
  }

  @Override public void channelInactive(ChannelHandlerContext ctx) {
    if (admitted) {
      admitted = false;
      limit.release();
    }
    final @Nullable Session closing = session;
    final @Nullable ExecutorService running = executor;
    if (closing != null && running != null) {
      closing.cancel();
      try {
        running.execute(closing::close);
      } catch (RejectedExecutionException e) {
        closing.close();
      }
      running.shutdown();
    }
    client().writabilityChanged();
  }

  @Override public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    final Throwable error = cause instanceof DecoderException && cause.getCause() != null ? cause.getCause() : cause;
    if (error instanceof ProtocolException) {
      fatal(ctx, "08P01", error.getMessage());
      return;
    }
    if (!(error instanceof IOException) && LOG.isLoggable(Level.WARNING)) {
      LOG.log(Level.WARNING, "closing a PostgreSQL client connection after an unexpected error", error);
    }
    ctx.close();
  }

  private ClientChannel client() {
    if (client == null) {
      throw new IllegalStateException("channel not active");
    }
    return client;
  }
}
