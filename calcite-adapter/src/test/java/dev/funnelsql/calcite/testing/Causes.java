package dev.funnelsql.calcite.testing;

/** Finds the exception of a given class in a failure's chain of causes, to check what a JDBC error wraps. */
public final class Causes {
  private Causes() {
  }

  /** The first exception in the chain, starting with {@code failure}, that is a {@code type}; fails if none is. */
  public static <T extends Throwable> T find(Throwable failure, Class<T> type) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (type.isInstance(t)) {
        return type.cast(t);
      }
    }
    throw new AssertionError("no " + type.getSimpleName() + " among the causes of " + failure, failure);
  }
}
