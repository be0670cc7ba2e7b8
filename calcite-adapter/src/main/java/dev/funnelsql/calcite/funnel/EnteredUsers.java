package dev.funnelsql.calcite.funnel;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Enumerator;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The funnel's rows of the users who entered, kept in memory for the tables that read the events again after the
 * funnel (its drivers, its column breakdowns): each row as the step scan gave it, and each user's chain, the times
 * of the steps kept in order, by user.
 */
final class EnteredUsers {
  private final List<@Nullable Object[]> rows = new ArrayList<>();
  private final Map<Object, long[]> chains = new HashMap<>();

  /** Reads the funnel's rows (user, list of step times, NULL past the last step kept), keeping those who entered. */
  static EnteredUsers read(Enumerable<@Nullable Object[]> users) {
    final EnteredUsers entered = new EnteredUsers();
    try (Enumerator<@Nullable Object[]> rows = users.enumerator()) {
      while (rows.moveNext()) {
        final @Nullable Object[] row = rows.current();
        @SuppressWarnings("unchecked")
        final @Nullable List<@Nullable Long> times = (List<@Nullable Long>) row[1];
        int level = 0;
        while (times != null && level < times.size() && times.get(level) != null) {
          level++;
        }
        if (level > 0 && row[0] != null) {
          final long[] chain = new long[level];
          for (int k = 0; k < level; k++) {
            chain[k] = times.get(k);
          }
          entered.chains.put(row[0], chain);
          entered.rows.add(row);
        }
      }
    }
    return entered;
  }

  /** The rows as the step scan gave them. */
  List<@Nullable Object[]> rows() {
    return rows;
  }

  /** The chain of each user who entered: the times of the steps kept, in order. */
  Map<Object, long[]> chains() {
    return chains;
  }
}
