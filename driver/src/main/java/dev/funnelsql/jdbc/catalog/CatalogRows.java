package dev.funnelsql.jdbc.catalog;

import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.List;
import javax.sql.rowset.CachedRowSet;
import javax.sql.rowset.RowSetMetaDataImpl;
import javax.sql.rowset.RowSetProvider;

/**
 * A metadata result set that FunnelSQL fills itself, with the same columns as Calcite's answer to the same call:
 * the JDK's own {@link CachedRowSet}, so no hand-written {@link ResultSet} is involved.
 */
public final class CatalogRows {
  private CatalogRows() {
  }

  /** Rows under the columns (names, labels, types) of {@code columns}, in list order. */
  public static ResultSet of(ResultSetMetaData columns, List<Object[]> rows) throws SQLException {
    final RowSetMetaDataImpl meta = new RowSetMetaDataImpl();
    final int count = columns.getColumnCount();
    meta.setColumnCount(count);
    for (int i = 1; i <= count; i++) {
      meta.setColumnName(i, columns.getColumnName(i));
      meta.setColumnLabel(i, columns.getColumnLabel(i));
      meta.setColumnType(i, columns.getColumnType(i));
      meta.setColumnTypeName(i, TypeNames.plain(columns.getColumnTypeName(i)));
      meta.setNullable(i, columns.isNullable(i));
      meta.setPrecision(i, Math.max(columns.getPrecision(i), 0));
      meta.setScale(i, Math.max(columns.getScale(i), 0));
    }
    final CachedRowSet set = RowSetProvider.newFactory().createCachedRowSet();
    set.setMetaData(meta);
    for (Object[] row : rows) {
      set.moveToInsertRow();
      for (int i = 1; i <= count; i++) {
        if (row[i - 1] == null) {
          set.updateNull(i);
        } else {
          set.updateObject(i, row[i - 1]);
        }
      }
      set.insertRow();
      set.moveToCurrentRow();
      set.last(); // the next row goes after this one
    }
    set.beforeFirst();
    return set;
  }
}
