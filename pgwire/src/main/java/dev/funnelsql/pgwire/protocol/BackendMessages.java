package dev.funnelsql.pgwire.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Encodes the server's messages (protocol v3, "Message Formats" in PostgreSQL's documentation) into buffers ready to
 * write to the channel; each method returns one complete message.
 */
public final class BackendMessages {
  /** Format code of text values. */
  public static final short TEXT = 0;
  /** Format code of binary values. */
  public static final short BINARY = 1;

  private final ByteBufAllocator allocator;

  /** Creates an encoder that allocates from the channel's allocator. */
  public BackendMessages(ByteBufAllocator allocator) {
    this.allocator = allocator;
  }

  private ByteBuf begin(char type) {
    final ByteBuf buf = allocator.buffer();
    buf.writeByte(type);
    buf.writeInt(0);
    return buf;
  }

  private static ByteBuf end(ByteBuf buf) {
    buf.setInt(1, buf.writerIndex() - 1);
    return buf;
  }

  private static void cString(ByteBuf buf, String text) {
    buf.writeCharSequence(text, StandardCharsets.UTF_8);
    buf.writeByte(0);
  }

  /** AuthenticationOk. */
  public ByteBuf authenticationOk() {
    return authentication(0, new byte[0]);
  }

  /** AuthenticationCleartextPassword. */
  public ByteBuf cleartextPasswordRequest() {
    return authentication(3, new byte[0]);
  }

  /** AuthenticationMD5Password with the 4-byte salt. */
  public ByteBuf md5PasswordRequest(byte[] salt) {
    return authentication(5, salt);
  }

  /** AuthenticationSASL offering the mechanisms. */
  public ByteBuf saslRequest(List<String> mechanisms) {
    final ByteBuf buf = begin('R');
    buf.writeInt(10);
    mechanisms.forEach(mechanism -> cString(buf, mechanism));
    buf.writeByte(0);
    return end(buf);
  }

  /** AuthenticationSASLContinue. */
  public ByteBuf saslContinue(byte[] data) {
    return authentication(11, data);
  }

  /** AuthenticationSASLFinal. */
  public ByteBuf saslFinal(byte[] data) {
    return authentication(12, data);
  }

  private ByteBuf authentication(int code, byte[] data) {
    final ByteBuf buf = begin('R');
    buf.writeInt(code);
    buf.writeBytes(data);
    return end(buf);
  }

  /** ParameterStatus. */
  public ByteBuf parameterStatus(String name, String value) {
    final ByteBuf buf = begin('S');
    cString(buf, name);
    cString(buf, value);
    return end(buf);
  }

  /** BackendKeyData: what a CancelRequest must quote. */
  public ByteBuf backendKeyData(int processId, int secretKey) {
    final ByteBuf buf = begin('K');
    buf.writeInt(processId);
    buf.writeInt(secretKey);
    return end(buf);
  }

  /** ReadyForQuery with the transaction status: 'I' idle, 'T' in a transaction block, 'E' in a failed one. */
  public ByteBuf readyForQuery(char status) {
    final ByteBuf buf = begin('Z');
    buf.writeByte(status);
    return end(buf);
  }

  /** RowDescription; {@code formats} has one code per column (or is empty for all text). */
  public ByteBuf rowDescription(List<ResultColumn> columns, short[] formats) {
    final ByteBuf buf = begin('T');
    buf.writeShort(columns.size());
    for (int i = 0; i < columns.size(); i++) {
      final ResultColumn column = columns.get(i);
      cString(buf, column.name());
      buf.writeInt(0);
      buf.writeShort(0);
      buf.writeInt(column.type().oid());
      buf.writeShort(column.type().length());
      buf.writeInt(column.typmod());
      buf.writeShort(formatOf(formats, i));
    }
    return end(buf);
  }

  /** The format code of column {@code i} given the format codes of a Bind message. */
  public static short formatOf(short[] formats, int i) {
    if (formats.length == 0) {
      return TEXT;
    }
    return formats.length == 1 ? formats[0] : formats[i];
  }

  /** DataRow of values already encoded (null for SQL NULL). */
  public ByteBuf dataRow(byte[][] values) {
    final ByteBuf buf = begin('D');
    buf.writeShort(values.length);
    for (byte[] value : values) {
      if (value == null) {
        buf.writeInt(-1);
      } else {
        buf.writeInt(value.length);
        buf.writeBytes(value);
      }
    }
    return end(buf);
  }

  /** CommandComplete with its tag ({@code SELECT 3}, {@code SET}, …). */
  public ByteBuf commandComplete(String tag) {
    final ByteBuf buf = begin('C');
    cString(buf, tag);
    return end(buf);
  }

  /** EmptyQueryResponse. */
  public ByteBuf emptyQueryResponse() {
    return end(begin('I'));
  }

  /** ParseComplete. */
  public ByteBuf parseComplete() {
    return end(begin('1'));
  }

  /** BindComplete. */
  public ByteBuf bindComplete() {
    return end(begin('2'));
  }

  /** CloseComplete. */
  public ByteBuf closeComplete() {
    return end(begin('3'));
  }

  /** NoData: the statement returns no rows. */
  public ByteBuf noData() {
    return end(begin('n'));
  }

  /** PortalSuspended: the row limit of Execute was reached. */
  public ByteBuf portalSuspended() {
    return end(begin('s'));
  }

  /** ParameterDescription. */
  public ByteBuf parameterDescription(int[] typeOids) {
    final ByteBuf buf = begin('t');
    buf.writeShort(typeOids.length);
    for (int oid : typeOids) {
      buf.writeInt(oid);
    }
    return end(buf);
  }

  /** ErrorResponse ('E') or NoticeResponse ('N') with its fields, keyed by field code (S, V, C, M, …). */
  public ByteBuf notice(char type, Map<Character, String> fields) {
    final ByteBuf buf = begin(type);
    fields.forEach((code, value) -> {
      buf.writeByte(code);
      cString(buf, value);
    });
    buf.writeByte(0);
    return end(buf);
  }

  /** A single byte answer to SSLRequest / GSSENCRequest ('N': not supported). */
  public ByteBuf singleByte(char answer) {
    final ByteBuf buf = allocator.buffer(1);
    buf.writeByte(answer);
    return buf;
  }
}
