package dev.funnelsql.pgwire.protocol;

import java.util.List;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * A complete result computed by the server itself (a catalog answer, SHOW): columns, rows of plain Java values
 * ({@link TextValues} and {@link BinaryValues} encode them) and the command tag. No columns means no RowDescription.
 */
public record ResultTable(List<ResultColumn> columns, List<@Nullable Object[]> rows, String tag) {
  /** A result with rows, tagged {@code SELECT n}. */
  public static ResultTable select(List<ResultColumn> columns, List<@Nullable Object[]> rows) {
    return new ResultTable(columns, rows, "SELECT " + rows.size());
  }

  /** A command without rows, e.g. {@code SET}. */
  public static ResultTable command(String tag) {
    return new ResultTable(List.of(), List.of(), tag);
  }
}
