package dev.funnelsql.examples.bench;

import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

/**
 * DuckDB in-process: the generated database file is the store itself (DuckDB's default threads and memory limit),
 * opened read-only with streamed results, as FunnelSQL opens it.
 */
final class DuckDbStore extends EventStore {
  /**
   * The benchmark's own connections open the file with the settings FunnelSQL's DuckDB dialect opens it with. DuckDB
   * refuses to open a file in one process with a second configuration, so with its defaults here FunnelSQL's
   * connections would take the benchmark's database as it was opened, neither read-only nor streamed, unlike a
   * user's.
   */
  private static final Map<String, String> AS_FUNNELSQL_OPENS_IT =
      Map.of("duckdb.read_only", "true", "jdbc_stream_results", "true");

  DuckDbStore(GeneratedData data, Progress progress) {
    super(data, progress);
  }

  @Override
  StoreKind kind() {
    return StoreKind.DUCKDB;
  }

  @Override
  StoreData prepare(DataSpec spec, LoadLog log) throws IOException, SQLException {
    return new StoreData(kind(), spec, "jdbc:duckdb:" + data.duckdb(spec, log).toAbsolutePath(), null, null,
        AS_FUNNELSQL_OPENS_IT);
  }

  @Override
  List<String> describe(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT version(), current_setting('threads'), "
            + "current_setting('memory_limit')")) {
      rows.next();
      return List.of("DuckDB " + rows.getString(1) + " (JDBC " + connection.getMetaData().getDriverVersion()
          + "), in-process, database file, threads=" + rows.getString(2) + ", memory_limit="
          + rows.getString(3));
    }
  }
}
