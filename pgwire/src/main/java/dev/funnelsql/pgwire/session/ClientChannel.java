package dev.funnelsql.pgwire.session;

import dev.funnelsql.pgwire.protocol.BackendMessages;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import java.sql.SQLException;
import java.util.function.Supplier;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The session's way to the client: encodes messages for the Netty channel and holds the session's thread back while
 * the client is slower than the rows come (the channel is not writable), so a large result never piles up in memory.
 */
public final class ClientChannel {
  private static final long WAIT_MILLIS = 100;

  private final Channel channel;
  private final BackendMessages messages;
  private final Object writable = new Object();
  private volatile Supplier<@Nullable String> stop = () -> null;

  /** Wraps the channel of one client connection. */
  public ClientChannel(Channel channel) {
    this.channel = channel;
    this.messages = new BackendMessages(channel.alloc());
  }

  /** The encoder of messages for this channel. */
  public BackendMessages messages() {
    return messages;
  }

  /** Queues a message; waits while the client's buffer is full. */
  public void send(ByteBuf message) throws SQLException {
    channel.write(message);
    if (!channel.isWritable()) {
      channel.flush();
      awaitWritable();
    }
  }

  /** Sends what is queued. */
  public void flush() {
    channel.flush();
  }

  /**
   * What ends a wait for a client that does not read: when it gives a reason (the statement timeout, a cancel), the
   * connection is closed, since the rows already queued cannot be taken back.
   */
  void stopWhen(Supplier<@Nullable String> reason) {
    this.stop = reason;
  }

  /** Called by the channel handler when the channel's writability changes. */
  public void writabilityChanged() {
    synchronized (writable) {
      writable.notifyAll();
    }
  }

  /** Whether the connection is still open. */
  public boolean isOpen() {
    return channel.isActive();
  }

  /** Closes the connection after what is queued has been sent. */
  public void close() {
    channel.writeAndFlush(channel.alloc().buffer(0)).addListener(future -> channel.close());
  }

  private void awaitWritable() throws SQLException {
    synchronized (writable) {
      while (!channel.isWritable()) {
        if (!channel.isActive()) {
          throw new SQLException("the client closed the connection", "08006");
        }
        final @Nullable String reason = stop.get();
        if (reason != null) {
          channel.close();
          throw new SQLException(reason + " while the client was not reading its rows; connection closed", "08006");
        }
        try {
          writable.wait(WAIT_MILLIS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new SQLException("interrupted while sending rows", "57014", e);
        }
      }
    }
  }
}
