package dev.funnelsql.calcite.testing;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Query results made comparable across stores and execution paths. */
public final class ComparableRows {
  private ComparableRows() {
  }

  /**
   * The rows in a store-independent order, fractions compared to twelve significant digits (a store may sum them
   * in another order), times and arrays as text (the drivers' Java classes for array elements differ).
   */
  public static List<List<Object>> sorted(List<List<Object>> rows) {
    final List<List<Object>> normalised = new ArrayList<>();
    for (List<Object> row : rows) {
      final List<Object> values = new ArrayList<>();
      for (Object value : row) {
        final boolean fraction = value instanceof Double || value instanceof Float;
        values.add(fraction && Double.isFinite(((Number) value).doubleValue())
            ? new BigDecimal(((Number) value).doubleValue()).round(new MathContext(12)).doubleValue()
            : value instanceof Number || value == null ? value : value.toString());
      }
      normalised.add(values);
    }
    normalised.sort(Comparator.comparing(Object::toString));
    return normalised;
  }

  /**
   * Asserts that two results hold the same rows ({@link #sorted}), naming only the rows that differ (at most ten each
   * way) rather than printing both results whole.
   */
  public static void assertSameRows(List<List<Object>> expected, List<List<Object>> actual, String what) {
    final List<List<Object>> want = sorted(expected);
    final List<List<Object>> got = sorted(actual);
    if (want.equals(got)) {
      return;
    }
    final List<List<Object>> missing = new ArrayList<>(want);
    got.forEach(missing::remove);
    final List<List<Object>> extra = new ArrayList<>(got);
    want.forEach(extra::remove);
    throw new AssertionError(what + ": " + want.size() + " rows expected, " + got.size() + " given; missing "
        + missing.size() + " " + missing.subList(0, Math.min(10, missing.size())) + "; unexpected " + extra.size()
        + " " + extra.subList(0, Math.min(10, extra.size())));
  }
}
