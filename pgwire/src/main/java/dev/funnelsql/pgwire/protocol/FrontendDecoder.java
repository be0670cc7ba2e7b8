package dev.funnelsql.pgwire.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Splits the client's byte stream into {@link FrontendMessage}s: first the untyped startup-phase packets
 * (SSLRequest, CancelRequest, StartupMessage), then typed messages ({@code byte type, int32 length, body}).
 */
public final class FrontendDecoder extends ByteToMessageDecoder {
  /** No message a BI client sends comes near this; anything larger is refused rather than buffered. */
  static final int MAX_MESSAGE_BYTES = 64 << 20;
  private static final int SSL_REQUEST = 80877103;
  private static final int GSS_REQUEST = 80877104;
  private static final int CANCEL_REQUEST = 80877102;

  private boolean started;
  private boolean failed;

  /**
   * Decodes what has arrived. A message that breaks the protocol (a length out of range, a body shorter than its
   * fields, a value longer than its message) throws {@link ProtocolException}, and everything after it is dropped:
   * the connection is closed after the error. Nothing is allocated from a length before the bytes are there.
   */
  @Override protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
    if (failed) {
      in.skipBytes(in.readableBytes());
      return;
    }
    try {
      if (started) {
        decodeTyped(in, out);
      } else {
        decodeStartup(in, out);
      }
    } catch (ProtocolException e) {
      failed = true;
      throw e;
    } catch (IndexOutOfBoundsException e) {
      failed = true;
      throw new ProtocolException("malformed message: its fields run past its length");
    }
  }

  private void decodeStartup(ByteBuf in, List<Object> out) {
    if (in.readableBytes() < 8) {
      return;
    }
    final int length = in.getInt(in.readerIndex());
    if (length < 8 || length > 10_000) {
      throw new ProtocolException("invalid startup packet length " + length);
    }
    if (in.readableBytes() < length) {
      return;
    }
    in.skipBytes(4);
    final int code = in.readInt();
    final ByteBuf body = in.readSlice(length - 8);
    switch (code) {
      case SSL_REQUEST:
        out.add(new FrontendMessage.SslRequest());
        break;
      case GSS_REQUEST:
        out.add(new FrontendMessage.GssEncryptionRequest());
        break;
      case CANCEL_REQUEST:
        out.add(new FrontendMessage.CancelRequest(body.readInt(), body.readInt()));
        break;
      default:
        if (code >> 16 != 3) {
          throw new ProtocolException("unsupported frontend protocol " + (code >> 16) + "." + (code & 0xFFFF)
              + ": FunnelSQL speaks protocol 3.0");
        }
        final Map<String, String> parameters = new LinkedHashMap<>();
        while (body.isReadable()) {
          final String key = readCString(body);
          if (key.isEmpty()) {
            break;
          }
          parameters.put(key, readCString(body));
        }
        started = true;
        out.add(new FrontendMessage.Startup(code, parameters));
        break;
    }
  }

  private static void decodeTyped(ByteBuf in, List<Object> out) {
    if (in.readableBytes() < 5) {
      return;
    }
    final int length = in.getInt(in.readerIndex() + 1);
    if (length < 4 || length > MAX_MESSAGE_BYTES) {
      throw new ProtocolException("invalid message length " + length);
    }
    if (in.readableBytes() < length + 1) {
      return;
    }
    final char type = (char) in.readByte();
    in.skipBytes(4);
    final ByteBuf body = in.readSlice(length - 4);
    out.add(message(type, body));
  }

  private static FrontendMessage message(char type, ByteBuf body) {
    switch (type) {
      case 'p':
        return new FrontendMessage.Password(bytes(body, body.readableBytes()));
      case 'Q':
        return new FrontendMessage.Query(readCString(body));
      case 'P': {
        final String name = readCString(body);
        final String sql = readCString(body);
        final int[] types = new int[fieldCount(body, 4)];
        for (int i = 0; i < types.length; i++) {
          types[i] = body.readInt();
        }
        return new FrontendMessage.Parse(name, sql, types);
      }
      case 'B':
        return bind(body);
      case 'D':
        return new FrontendMessage.Describe((char) body.readByte(), readCString(body));
      case 'E':
        return new FrontendMessage.Execute(readCString(body), body.readInt());
      case 'C':
        return new FrontendMessage.Close((char) body.readByte(), readCString(body));
      case 'S':
        return new FrontendMessage.Sync();
      case 'H':
        return new FrontendMessage.Flush();
      case 'X':
        return new FrontendMessage.Terminate();
      default:
        return new FrontendMessage.Unsupported(type);
    }
  }

  private static FrontendMessage bind(ByteBuf body) {
    final String portal = readCString(body);
    final String statement = readCString(body);
    final short[] formats = new short[fieldCount(body, 2)];
    for (int i = 0; i < formats.length; i++) {
      formats[i] = body.readShort();
    }
    final byte[][] values = new byte[fieldCount(body, 4)][];
    for (int i = 0; i < values.length; i++) {
      final int length = body.readInt();
      values[i] = length < 0 ? null : bytes(body, length);
    }
    final short[] resultFormats = new short[fieldCount(body, 2)];
    for (int i = 0; i < resultFormats.length; i++) {
      resultFormats[i] = body.readShort();
    }
    return new FrontendMessage.Bind(portal, statement, formats, values, resultFormats);
  }

  /** A count of fields of at least {@code bytesEach} bytes, checked against what is left of the message. */
  private static int fieldCount(ByteBuf body, int bytesEach) {
    final int count = body.readUnsignedShort();
    if ((long) count * bytesEach > body.readableBytes()) {
      throw new ProtocolException("a count of " + count + " fields runs past the end of its message");
    }
    return count;
  }

  private static byte[] bytes(ByteBuf body, int length) {
    if (length > body.readableBytes()) {
      throw new ProtocolException("a value of " + length + " bytes runs past the end of its message");
    }
    final byte[] bytes = new byte[length];
    body.readBytes(bytes);
    return bytes;
  }

  private static String readCString(ByteBuf body) {
    final int end = body.indexOf(body.readerIndex(), body.writerIndex(), (byte) 0);
    if (end < 0) {
      throw new ProtocolException("unterminated string in message");
    }
    final String text = body.toString(body.readerIndex(), end - body.readerIndex(), StandardCharsets.UTF_8);
    body.readerIndex(end + 1);
    return text;
  }
}
