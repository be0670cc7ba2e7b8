package dev.funnelsql.pgwire.session;

import dev.funnelsql.pgwire.protocol.ResultColumn;
import dev.funnelsql.pgwire.protocol.ResultTable;
import java.util.List;
import org.checkerframework.checker.nullness.qual.Nullable;

/** The rows of a result the session computed itself. */
final class TableRows implements RowStream {
  private final ResultTable table;
  private int next;

  TableRows(ResultTable table) {
    this.table = table;
  }

  @Override public List<ResultColumn> columns() {
    return table.columns();
  }

  @Override public @Nullable Object @Nullable [] next() {
    return next < table.rows().size() ? table.rows().get(next++) : null;
  }

  @Override public String tag(long rows) {
    return table.columns().isEmpty() ? table.tag() : table.tag().startsWith("SELECT") ? "SELECT " + rows
        : table.tag();
  }

  @Override public void close() {
  }
}
