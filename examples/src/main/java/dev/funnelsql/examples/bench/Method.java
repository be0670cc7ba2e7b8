package dev.funnelsql.examples.bench;

/**
 * The measured ways to get the funnel (or, for the fetch, its input): (a) through FunnelSQL, (b) hand-written SQL
 * run directly on the store, (c) the bare fetch of the step rows — the end-to-end limit of any client-side method.
 */
enum Method {
  /** (a) {@code FUNNEL_STEP} through {@code jdbc:funnelsql:}, with the WHERE on the step events. */
  FUNNELSQL("(a) FunnelSQL", Check.ALL_LEVELS),
  /** (a) the same query without the WHERE: FunnelSQL puts the step filter into the store query itself. */
  FUNNELSQL_NO_WHERE("(a) FunnelSQL, no WHERE", Check.FROM_LEVEL_ONE),
  /** (a) with {@code funnel.sort=source}: the store orders by (user, time), FunnelSQL streams per user. */
  FUNNELSQL_SOURCE_SORT("(a) FunnelSQL, funnel.sort=source", Check.ALL_LEVELS),
  /**
   * (a) with {@code funnel.transfer=jdbc}: the step rows read through the driver's getters, not as the store hands
   * them over in bulk (DuckDB's Arrow batches, PostgreSQL's binary {@code COPY}).
   */
  FUNNELSQL_GETTERS("(a) FunnelSQL, funnel.transfer=jdbc", Check.ALL_LEVELS),
  /** (a) with {@code funnel.pushdown=never}: Calcite's generic per-row aggregate (the path before the step scan). */
  FUNNELSQL_GENERIC("(a) FunnelSQL, funnel.pushdown=never", Check.ALL_LEVELS),
  /** (b) B1, the "latest start" window DP: the fastest exact SQL known, portable. */
  B1("(b) B1 window DP (exact)", Check.ALL_LEVELS),
  /** (b) B2c, a greedy chain per start by correlated MIN subqueries over an index (the best exact SQL on H2). */
  B2C("(b) B2c correlated MIN + index (exact)", Check.FROM_LEVEL_ONE),
  /** (b) the common first-touch shortcut: only each user's first step-1 event starts a chain. Not exact. */
  FIRST_TOUCH("(b) first-touch shortcut (inexact)", Check.NONE),
  /** (c) fetching the step rows alone through the store's JDBC driver: user, time and event name. */
  FETCH("(c) fetch step rows only", Check.NONE),
  /**
   * (c') fetching the step rows as FunnelSQL's store query returns them: user, time and the step mask computed by
   * the store (an integer instead of the event name's string).
   */
  FETCH_MASK("(c') fetch step rows, mask not name", Check.NONE),
  /**
   * (c'') on DuckDB: the columns FunnelSQL's store query asks for (the user, the time as epoch milliseconds written
   * as FunnelSQL writes it, the step mask) read as the Arrow batches DuckDB's driver exports, each column copied into
   * a Java array: the transfer under FunnelSQL's (a) there.
   */
  FETCH_ARROW("(c'') fetch step rows as Arrow, as FunnelSQL does", Check.NONE);

  /** How a method's histogram must compare with the exact one. */
  enum Check {
    /** Equal at every level, 0 included. */
    ALL_LEVELS,
    /** Equal at levels 1..N (the method counts other users, or none, at level 0). */
    FROM_LEVEL_ONE,
    /** Not compared (inexact, or no histogram). */
    NONE
  }

  private final String label;
  private final Check check;

  Method(String label, Check check) {
    this.label = label;
    this.check = check;
  }

  /** The name in reports. */
  String label() {
    return label;
  }

  /** How its histogram must compare with the exact one. */
  Check check() {
    return check;
  }

  /** Whether it runs through FunnelSQL. */
  boolean viaFunnelSql() {
    return name().startsWith("FUNNELSQL");
  }

  /** Whether it computes a funnel histogram (every method but the fetches). */
  boolean computesFunnel() {
    return !isFetch();
  }

  /** Whether it only fetches the step rows. */
  boolean isFetch() {
    return this == FETCH || this == FETCH_MASK || this == FETCH_ARROW;
  }
}
