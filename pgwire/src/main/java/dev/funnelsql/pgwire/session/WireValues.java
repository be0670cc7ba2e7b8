package dev.funnelsql.pgwire.session;

import dev.funnelsql.pgwire.protocol.BackendMessages;
import dev.funnelsql.pgwire.protocol.BinaryValues;
import dev.funnelsql.pgwire.protocol.PgType;
import dev.funnelsql.pgwire.protocol.ResultColumn;
import dev.funnelsql.pgwire.protocol.TextValues;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Values between the wire and Java, in text or binary as the client's format codes say: Bind's parameters are
 * decoded for the statement's parameter types, and a row's values are encoded for DataRow.
 */
final class WireValues {
  private WireValues() {
  }

  /** Bind's parameter values (null for SQL NULL) as Java values of the parameters' types (unknown types: text). */
  static List<@Nullable Object> decode(int[] types, byte[][] values, short[] formats) {
    final List<@Nullable Object> decoded = new ArrayList<>();
    for (int i = 0; i < types.length; i++) {
      final byte @Nullable [] bytes = values[i];
      final @Nullable PgType type = PgType.byOid(types[i]);
      final PgType target = type == null ? PgType.TEXT : type;
      if (bytes == null) {
        decoded.add(null);
      } else if (BackendMessages.formatOf(formats, i) == BackendMessages.BINARY) {
        decoded.add(BinaryValues.parse(target, bytes));
      } else {
        decoded.add(TextValues.parse(target, new String(bytes, StandardCharsets.UTF_8)));
      }
    }
    return decoded;
  }

  /** A row's values as DataRow fields (null for SQL NULL). */
  static byte[][] encode(List<ResultColumn> columns, short[] formats, @Nullable Object[] row) {
    final byte[][] values = new byte[row.length][];
    for (int i = 0; i < row.length; i++) {
      final PgType type = columns.get(i).type();
      values[i] = BackendMessages.formatOf(formats, i) == BackendMessages.BINARY ? BinaryValues.bytes(type, row[i])
          : TextValues.bytes(type, row[i]);
    }
    return values;
  }
}
