package dev.funnelsql.pgwire.session;

import dev.funnelsql.pgwire.protocol.ResultColumn;
import java.sql.SQLException;
import java.util.List;
import org.checkerframework.checker.nullness.qual.Nullable;

/** The rows of a running statement, read one at a time so a portal can stop after n rows and go on later. */
interface RowStream extends AutoCloseable {
  /** The result's columns (empty if the statement returns no rows). */
  List<ResultColumn> columns();

  /** The next row as plain Java values, or null at the end. */
  @Nullable Object @Nullable [] next() throws SQLException;

  /** The command tag once the rows are done, given how many were sent in all. */
  String tag(long rows);

  @Override void close();
}
