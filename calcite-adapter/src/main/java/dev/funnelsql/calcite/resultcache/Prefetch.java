package dev.funnelsql.calcite.resultcache;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.apache.calcite.linq4j.AbstractEnumerable;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Enumerator;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The first rows of a result, read and copied until the result ends (then it can be kept) or until it outgrows the
 * per-entry limit or holds a value that cannot be copied (then it streams on: the rows read so far are replayed,
 * the rest read as the statement asks, so a large result is never held just for the cache).
 */
final class Prefetch<T> {
  private final List<T> head;
  private final @Nullable Enumerator<T> rest;
  private final List<@Nullable Object> copies;
  private final long bytes;

  private Prefetch(List<T> head, @Nullable Enumerator<T> rest, List<@Nullable Object> copies, long bytes) {
    this.head = head;
    this.rest = rest;
    this.copies = copies;
    this.bytes = bytes;
  }

  /** Runs the query and reads it while its copies fit {@code maxBytes}. */
  static <T> Prefetch<T> read(Enumerable<T> query, long maxBytes) {
    final Enumerator<T> rows = query.enumerator();
    final List<T> head = new ArrayList<>();
    final List<@Nullable Object> copies = new ArrayList<>();
    final RowCopier copier = new RowCopier();
    try {
      while (rows.moveNext()) {
        final T row = rows.current();
        head.add(row);
        final @Nullable Object copy = copier.copy(row);
        if (copy == RowCopier.UNCOPYABLE || copier.bytes() > maxBytes) {
          return new Prefetch<>(head, rows, List.of(), copier.bytes());
        }
        copies.add(copy);
      }
    } catch (RuntimeException | Error e) {
      rows.close();
      throw e;
    }
    rows.close();
    return new Prefetch<>(List.of(), null, copies, copier.bytes());
  }

  /** Whether the whole result was read, so that it can be kept. */
  boolean complete() {
    return rest == null;
  }

  /** The copies of the whole result's rows (when complete). */
  List<@Nullable Object> copies() {
    return copies;
  }

  /** The estimated size of what was read. */
  long bytes() {
    return bytes;
  }

  /**
   * The result for the statement when it was not kept: the rows read, then the rest as it comes. Enumerated again,
   * it runs {@code query} again.
   */
  Enumerable<T> remainder(Supplier<Enumerable<T>> query) {
    return new AbstractEnumerable<T>() {
      private @Nullable Enumerator<T> unread = new Replay<>(head, rest);

      @Override public synchronized Enumerator<T> enumerator() {
        final @Nullable Enumerator<T> first = unread;
        unread = null;
        return first != null ? first : query.get().enumerator();
      }
    };
  }

  /** The rows read ahead, then the live rows. */
  private static final class Replay<T> implements Enumerator<T> {
    private final List<T> head;
    private final @Nullable Enumerator<T> rest;
    private int next;
    private @Nullable T current;

    Replay(List<T> head, @Nullable Enumerator<T> rest) {
      this.head = head;
      this.rest = rest;
    }

    @SuppressWarnings("unchecked")
    @Override public T current() {
      return current;
    }

    @Override public boolean moveNext() {
      if (next < head.size()) {
        current = head.get(next);
        head.set(next++, null);
        return true;
      }
      if (rest != null && rest.moveNext()) {
        current = rest.current();
        return true;
      }
      return false;
    }

    @Override public void reset() {
      throw new UnsupportedOperationException("a streamed result is read once per execution");
    }

    @Override public void close() {
      if (rest != null) {
        rest.close();
      }
    }
  }
}
