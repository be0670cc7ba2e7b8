package dev.funnelsql.pgwire.session;

import dev.funnelsql.pgwire.protocol.ResultColumn;
import java.sql.SQLException;
import java.util.List;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * A statement prepared by Parse (or for one statement of a simple Query): its parameters' types, the columns it
 * returns, and a way to run it with bound values. Either FunnelSQL runs it ({@link JdbcQuery}) or the session
 * answers it ({@link InternalQuery}).
 */
interface PreparedQuery extends AutoCloseable {
  /** The type OIDs of parameters $1..$n, as ParameterDescription reports them. */
  int[] parameterTypes();

  /** The columns of the result, without running it; empty for a statement that returns no rows. */
  List<ResultColumn> describe() throws SQLException;

  /** Runs the statement with values for $1..$n (plain Java values, null for NULL). */
  RowStream open(List<@Nullable Object> parameters) throws SQLException;

  /** Whether it ends a transaction block, the only statements a failed block still runs. */
  boolean endsTransaction();

  @Override void close();
}
