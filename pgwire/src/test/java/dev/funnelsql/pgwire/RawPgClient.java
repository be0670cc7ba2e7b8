package dev.funnelsql.pgwire;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A PostgreSQL protocol client at the byte level, for the tests that must do what no driver does: stop reading, send
 * a broken message. It writes startup and query messages and reads backend messages one at a time.
 */
final class RawPgClient implements AutoCloseable {
  /** One backend message: its type byte and body. */
  record Message(char type, byte[] body) {
    /** The body as text (for error and notice fields, command tags). */
    String text() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  private final Socket socket;
  private final DataInputStream in;
  private final DataOutputStream out;

  /** Connects to the server on the loopback address, with a small receive buffer so backpressure shows soon. */
  RawPgClient(int port) throws IOException {
    socket = new Socket();
    socket.setReceiveBufferSize(64 << 10);
    socket.connect(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), port), 10_000);
    socket.setSoTimeout(30_000);
    in = new DataInputStream(new BufferedInputStream(socket.getInputStream()));
    out = new DataOutputStream(socket.getOutputStream());
  }

  /** Sends a protocol 3.0 StartupMessage for {@code user} and reads up to the first ReadyForQuery (trust only). */
  void startup(String user) throws IOException {
    final ByteArrayOutputStream body = new ByteArrayOutputStream();
    final DataOutputStream data = new DataOutputStream(body);
    data.writeInt(196_608);
    for (String part : new String[] {"user", user, "database", "funnelsql"}) {
      data.write(part.getBytes(StandardCharsets.UTF_8));
      data.write(0);
    }
    data.write(0);
    out.writeInt(body.size() + 4);
    body.writeTo(out);
    out.flush();
    readUntil('Z');
  }

  /** Sends a simple Query message. */
  void query(String sql) throws IOException {
    final byte[] text = sql.getBytes(StandardCharsets.UTF_8);
    out.write('Q');
    out.writeInt(text.length + 5);
    out.write(text);
    out.write(0);
    out.flush();
  }

  /** Sends raw bytes as they are. */
  void send(byte[] bytes) throws IOException {
    out.write(bytes);
    out.flush();
  }

  /** Tells the server nothing more will come (half-close): it sees the end of input. */
  void shutdownOutput() throws IOException {
    socket.shutdownOutput();
  }

  /** Reads one byte (the answer to SSLRequest). */
  char readByte() throws IOException {
    final int value = in.read();
    if (value < 0) {
      throw new EOFException("the server closed the connection");
    }
    return (char) value;
  }

  /** Reads the next backend message. */
  Message read() throws IOException {
    final int type = in.read();
    if (type < 0) {
      throw new EOFException("the server closed the connection");
    }
    final int length = in.readInt();
    final byte[] body = new byte[length - 4];
    in.readFully(body);
    return new Message((char) type, body);
  }

  /** Reads messages up to and including one of type {@code type}; returns that one. */
  Message readUntil(char type) throws IOException {
    while (true) {
      final Message message = read();
      if (message.type() == type) {
        return message;
      }
      if (message.type() == 'E' && type != 'E') {
        throw new IOException("server error: " + message.text());
      }
    }
  }

  @Override public void close() throws IOException {
    socket.close();
  }
}
