package dev.funnelsql.calcite.prepare;

import java.util.List;
import org.apache.calcite.linq4j.AbstractEnumerable;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Enumerator;
import org.apache.calcite.linq4j.Linq4j;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Rows read once and replayed: the first enumeration reads the source to the end, later ones replay that list. Called
 * by the code of a {@link ReplayedInput}, so that the inner input of a nested-loop join, which Calcite enumerates
 * again for each outer row, runs its store query once per execution instead of once per row.
 *
 * @param <T> the row type
 */
public final class ReplayedRows<T> extends AbstractEnumerable<T> {
  private final Enumerable<T> source;
  private @Nullable List<T> rows;

  private ReplayedRows(Enumerable<T> source) {
    this.source = source;
  }

  /** The source's rows, read on first use and replayed after. */
  public static <T> Enumerable<T> of(Enumerable<T> source) {
    return new ReplayedRows<>(source);
  }

  @Override public Enumerator<T> enumerator() {
    List<T> read = rows;
    if (read == null) {
      read = source.toList();
      rows = read;
    }
    return Linq4j.enumerator(read);
  }
}
