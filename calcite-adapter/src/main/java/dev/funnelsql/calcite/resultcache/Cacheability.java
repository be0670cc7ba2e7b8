package dev.funnelsql.calcite.resultcache;

import org.apache.calcite.rel.RelNode;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;

/**
 * Whether the statement being prepared may be answered from the result cache: it must be a query (not
 * {@code EXPLAIN}, not a command) whose logical plan calls no function that answers differently from one run to the
 * next ({@code CURRENT_TIMESTAMP}, {@code RAND}, … see {@link Determinism}). Filled in while the statement is
 * prepared; a statement never judged is not cacheable. It also tells whether the plan may be kept at all.
 */
public final class Cacheability {
  private boolean judged;
  private boolean refused;
  private boolean readsClock;

  /** Judges the parsed statement by its kind. */
  public void statement(SqlNode statement) {
    judge(statement.isA(SqlKind.QUERY));
  }

  /** Judges the statement's logical plan (views expanded) by the functions it calls. */
  public void plan(RelNode plan) {
    judge(Determinism.isStable(plan));
  }

  /**
   * Notes that planning read the clock (a relative date range evaluated into the plan): neither the answer nor the
   * plan may serve a later execution.
   */
  public synchronized void planReadsClock() {
    readsClock = true;
    judge(false);
  }

  /** Whether the plan may be kept for later executions: it holds no time read while planning. */
  public synchronized boolean planMayBeKept() {
    return !readsClock;
  }

  private synchronized void judge(boolean cacheable) {
    judged = true;
    refused |= !cacheable;
  }

  /** Whether every judgement so far allowed caching, and there was at least one. */
  public synchronized boolean cacheable() {
    return judged && !refused;
  }
}
