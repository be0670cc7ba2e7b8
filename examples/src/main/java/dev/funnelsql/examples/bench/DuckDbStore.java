package dev.funnelsql.examples.bench;

import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/** DuckDB in-process: the generated database file is the store itself (DuckDB's default settings). */
final class DuckDbStore extends EventStore {
  DuckDbStore(GeneratedData data, Progress progress) {
    super(data, progress);
  }

  @Override
  StoreKind kind() {
    return StoreKind.DUCKDB;
  }

  @Override
  StoreData prepare(DataSpec spec, LoadLog log) throws IOException, SQLException {
    return new StoreData(kind(), spec, "jdbc:duckdb:" + data.duckdb(spec, log).toAbsolutePath(), null, null);
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
