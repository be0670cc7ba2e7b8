package dev.funnelsql.functions.funnel;

import java.util.Arrays;

/**
 * Streaming evaluator of one funnel over one group's rows in non-decreasing time order, exact over all chains, in
 * memory O(steps + one tie group) (O(one window) under {@code unordered}) so that sorted input can be aggregated at
 * memory speed.
 *
 * <h2>Contract</h2>
 *
 * <p><b>Entries.</b> Each row {@code (ts, mask)} (bit {@code k-1} of {@code mask} set = condition {@code k} true)
 * yields one entry {@code (ts, k, row)} per condition {@code k} it satisfies; under {@code strict_order} a row that
 * satisfies no condition yields one "other" entry {@code (ts, 0, row)}. Entries are processed in order of
 * {@code (ts, k, mask as an unsigned int)}: at equal ts, "other" entries come first, then lower steps before higher
 * ones; rows with the same {@code (ts, mask)} are interchangeable, so the answer does not depend on the order in
 * which rows of equal ts arrive.
 *
 * <p><b>Chains.</b> A chain of length {@code L} is entries {@code e1..eL} at strictly increasing positions with
 * {@code step(ei) = i} and {@code ts(eL) <= ts(e1) + window} (inclusive, measured from the step-1 entry). One row may
 * serve several consecutive steps of a chain, except that {@code strict_increase} requires
 * {@code ts(e(i+1)) > ts(ei)} and {@code strict_once} requires the entries to come from distinct rows.
 * {@code reached(P)} is the longest chain within a prefix {@code P} of the entries (0 if none).
 *
 * <p><b>Stop rules.</b> The answer is {@code reached(all entries)}, unless an entry {@code e} fires a stop rule; the
 * first such entry ends the scan and the answer is {@code reached(entries before e)}. With
 * {@code R = reached(entries before e)}:
 * <ul>
 *   <li>{@code strict_deduplication}: {@code e} is a step {@code k >= 2} and {@code R >= k} (a repeat of a reached
 *       step; step-1 repeats never stop);</li>
 *   <li>{@code strict_order}: {@code e} is "other" and {@code R >= 1}; or {@code e} is a step {@code k >= 2} with
 *       {@code 1 <= R < k - 1} (a skipped step); or, unless {@code allow_reentry}, {@code e} is a step 1 and
 *       {@code R >= 2} (a re-entry). With {@code allow_reentry} a re-entry just starts new candidate chains.</li>
 * </ul>
 * Unlike ClickHouse's one-state-per-level algorithm (issue #52844) the answer is the exact maximum over all chains:
 * with {@code strict_increase}, {@code a@1 b@2 a@5 b@6 c@6} and window 5 give 3.
 *
 * <p><b>Reported chain</b> ({@link #chainTimes}, for {@code FUNNEL_TIMES}): among the chains of the answer's length
 * {@code L} within the answer's prefix, the one whose last step is earliest; among those the one with the latest
 * step 1; then the lexicographically smallest {@code (ts2, ..., ts(L-1))}.
 *
 * <h2>Unordered</h2>
 *
 * <p>{@code unordered} ("any order", as Amplitude's "any order" and PostHog's {@code unordered} funnels) cannot be
 * combined with another mode, and replaces the chains and stop rules above:
 * <ul>
 *   <li><b>Entries</b> as above: one {@code (ts, k, row)} per condition {@code k} a row satisfies; rows matching no
 *       condition are ignored.</li>
 *   <li><b>Window instances.</b> For a start time {@code s} that is the ts of some entry, the window instance of
 *       {@code s} is the set of entries with {@code s <= ts <= s + window} (inclusive at both ends). Its level is the
 *       number of distinct steps {@code k} with at least one entry in it; one row may count for several steps (a row
 *       satisfying conditions 1 and 2 alone gives level 2).</li>
 *   <li><b>Answer:</b> the largest level of any window instance, 0 if there is no entry. The order of the steps does
 *       not matter: {@code C B A} within the window reaches 3.</li>
 *   <li><b>Reported chain</b> ({@link #chainTimes}): the window instance of the smallest {@code s} whose level is the
 *       answer {@code L}; {@code times[i]} ({@code 0 <= i < L}) is the ts at which the {@code (i+1)}-th distinct step
 *       first appears in that instance. The array is indexed by how many distinct steps are done, <em>not</em> by
 *       step number: {@code times[0] = s} is when the first step (whichever it is) was done and {@code times[L-1]}
 *       when the instance reached {@code L} steps; the times are non-decreasing, and a row that is the first of
 *       several steps fills several consecutive elements with its ts.</li>
 * </ul>
 * It is computed with a sliding window ({@code UnorderedWindow}): the distinct timestamps of the last
 * {@code window} (with the OR of their rows' masks) in a ring buffer, plus a per-step count; memory O(timestamps
 * within one window), no allocation in the steady state.
 *
 * <h2>Algorithm</h2>
 *
 * <p>Per level {@code k} the machine keeps the latest start (step-1 ts) of any chain of length {@code k}; a later
 * start dominates because whether a chain can be extended depends only on its start. Rows of one tie group are
 * collected (as the OR of their masks, plus the masks seen twice for {@code strict_deduplication}) and applied when
 * the time advances, step by step in increasing order so that stop rules see {@code R} entry by entry; with
 * {@code strict_increase} a group extends only chains that ended before it. Under {@code strict_once} a group whose
 * rows match several steps is resolved with a bipartite matching ({@link GroupMatcher}) between a run of steps and
 * the group's rows. With time tracking on, each level also keeps the timestamps of its best chain (copied on
 * extension), the lexicographically smallest among those with the latest start.
 *
 * <p>Not thread-safe. Reuse an instance with {@link #reset()}; the hot path does not allocate.
 */
public final class FunnelStateMachine {
  private final int steps;
  private final long window;
  private final int stepMask;
  private final boolean deduplication;
  private final boolean order;
  private final boolean increase;
  private final boolean once;
  private final boolean reentry;
  private final boolean track;
  /** The evaluator of {@code unordered}, which replaces everything below; null in the other modes. */
  private final UnorderedWindow unordered;

  /** {@code best[k]}: latest start of a chain of length {@code k}; valid for {@code k <= level}. */
  private final long[] best;
  private int level;
  /** A stop rule fired, or the full funnel was reached: later events cannot change the answer. */
  private boolean stopped;

  private boolean hasGroup;
  /** The current tie group still takes rows; false once it was applied for a query (it may be reopened). */
  private boolean open;
  private long groupTs;
  private int groupOr;
  private int groupDup;
  private boolean groupOther;
  private boolean groupMulti;
  private int[] groupMasks;
  private int groupSize;
  private GroupMatcher matcher;
  private int[] onceStart;

  /** Row {@code k - 1} (offset {@code (k - 1) * steps}) holds the {@code k} timestamps of level k's best chain. */
  private final long[] chains;
  private final long[] report;
  private int reportLevel;

  private final long[] backupBest;
  private final long[] backupChains;
  private final long[] backupReport;
  private int backupLevel;
  private boolean backupStopped;
  private int backupReportLevel;

  /** Creates a machine that also tracks the times of the reported chain ({@link #chainTimes}). */
  public FunnelStateMachine(FunnelSpec spec) {
    this(spec, true);
  }

  /**
   * Creates a machine; with {@code trackTimes} false it only computes the level ({@code FUNNEL_STEP}), slightly
   * faster, and {@link #chainTimes} throws.
   */
  public FunnelStateMachine(FunnelSpec spec, boolean trackTimes) {
    this.steps = spec.steps();
    this.window = spec.window();
    this.stepMask = steps == 32 ? -1 : (1 << steps) - 1;
    this.deduplication = spec.has(FunnelMode.STRICT_DEDUPLICATION);
    this.order = spec.has(FunnelMode.STRICT_ORDER);
    this.increase = spec.has(FunnelMode.STRICT_INCREASE);
    // Under strict_increase a chain has at most one entry per timestamp, so its rows are distinct anyway.
    this.once = spec.has(FunnelMode.STRICT_ONCE) && !increase;
    this.reentry = spec.has(FunnelMode.ALLOW_REENTRY);
    this.track = trackTimes;
    this.unordered = spec.has(FunnelMode.UNORDERED) ? new UnorderedWindow(spec, trackTimes) : null;
    final boolean chainState = unordered == null;
    this.best = chainState ? new long[steps + 1] : null;
    this.backupBest = chainState ? new long[steps + 1] : null;
    this.chains = trackTimes && chainState ? new long[steps * steps] : null;
    this.backupChains = trackTimes && chainState ? new long[steps * steps] : null;
    this.report = trackTimes && chainState ? new long[steps] : null;
    this.backupReport = trackTimes && chainState ? new long[steps] : null;
    if (once) {
      this.groupMasks = new int[16];
      this.matcher = new GroupMatcher();
      this.onceStart = new int[steps + 2];
    }
  }

  /** Forgets all events, for the next group. */
  public void reset() {
    if (unordered != null) {
      unordered.reset();
      return;
    }
    level = 0;
    stopped = false;
    hasGroup = false;
    open = false;
    groupOr = 0;
    groupDup = 0;
    groupOther = false;
    groupMulti = false;
    groupSize = 0;
    reportLevel = 0;
  }

  /**
   * Consumes one row.
   *
   * @param ts the row's time; must be {@code >=} the previous row's
   * @param mask bit {@code i} set = condition {@code i + 1} true; 0 = a row matching no step (it matters only under
   *     {@code strict_order})
   * @throws IllegalStateException if {@code ts} is smaller than the previous row's
   * @throws IllegalArgumentException if {@code mask} has bits at or above {@code steps}
   */
  public void accept(long ts, int mask) {
    accept(ts, mask, true);
  }

  /**
   * Consumes one row that may or may not start a chain. Only {@code unordered} funnels read {@code mayStart}: their
   * chains start at whichever step comes first, so a date scope marks the rows in its range as the ones that may
   * start one (an ordered funnel is scoped through its step 1's condition instead).
   *
   * @param mayStart whether the row may be a chain's first (under {@code unordered})
   * @see #accept(long, int)
   */
  public void accept(long ts, int mask, boolean mayStart) {
    if (unordered != null) {
      unordered.accept(ts, mask, mayStart);
      return;
    }
    if (!open || ts != groupTs) {
      enterGroup(ts);
    }
    if ((mask & ~stepMask) != 0) {
      throw new IllegalArgumentException("mask " + Integer.toBinaryString(mask) + " has bits beyond step " + steps);
    }
    if (stopped) {
      return;
    }
    groupDup |= groupOr & mask;
    groupOr |= mask;
    if (mask == 0) {
      groupOther = true;
    }
    if (once) {
      if (groupSize == groupMasks.length) {
        groupMasks = Arrays.copyOf(groupMasks, groupSize * 2);
      }
      groupMasks[groupSize++] = mask;
      groupMulti |= (mask & (mask - 1)) != 0;
    }
  }

  private void enterGroup(long ts) {
    if (hasGroup) {
      if (ts < groupTs) {
        throw new IllegalStateException("funnel events must come in non-decreasing time order: " + ts + " after "
            + groupTs);
      }
      if (open) {
        apply();
      } else if (ts == groupTs) {
        // The group was applied for a query; undo that and let it take more rows.
        restore();
        open = true;
        return;
      }
    }
    hasGroup = true;
    open = true;
    groupTs = ts;
    groupOr = 0;
    groupDup = 0;
    groupOther = false;
    groupMulti = false;
    groupSize = 0;
  }

  /** Returns the answer for the rows so far (0..steps); applies the pending tie group. */
  public int level() {
    if (unordered != null) {
      return unordered.level();
    }
    closeForQuery();
    return level;
  }

  /**
   * Writes the timestamps of the reported chain (see the class comment) to {@code out[0..level()-1]}: under
   * {@code unordered}, element {@code i} is when the {@code (i+1)}-th distinct step was done, not step {@code i+1}.
   *
   * @return false if the level is 0 (nothing written)
   * @throws IllegalStateException if the machine was created without time tracking
   */
  public boolean chainTimes(long[] out) {
    if (!track) {
      throw new IllegalStateException("this FunnelStateMachine was created without time tracking");
    }
    if (unordered != null) {
      return unordered.chainTimes(out);
    }
    closeForQuery();
    if (level == 0) {
      return false;
    }
    System.arraycopy(report, 0, out, 0, level);
    return true;
  }

  /**
   * Returns whether later events cannot change the answer (a stop rule fired, or every step was reached), so the
   * caller may skip them. Reflects the tie groups applied so far: the current group is applied when a later time
   * arrives or on {@link #level()}.
   */
  public boolean stopped() {
    if (unordered != null) {
      return unordered.stopped();
    }
    return stopped;
  }

  private void closeForQuery() {
    if (open) {
      backup();
      apply();
      open = false;
    }
  }

  private void backup() {
    backupLevel = level;
    backupStopped = stopped;
    backupReportLevel = reportLevel;
    copyTouched(best, backupBest, chains, backupChains, report, backupReport);
  }

  private void restore() {
    level = backupLevel;
    stopped = backupStopped;
    reportLevel = backupReportLevel;
    copyTouched(backupBest, best, backupChains, chains, backupReport, report);
  }

  /** Copies what applying the current tie group can change: the levels it touches and the reported chain. */
  private void copyTouched(long[] fromBest, long[] toBest, long[] fromChains, long[] toChains, long[] fromReport,
      long[] toReport) {
    int bits = groupOr;
    while (bits != 0) {
      final int k = Integer.numberOfTrailingZeros(bits) + 1;
      bits &= bits - 1;
      toBest[k] = fromBest[k];
      if (track) {
        System.arraycopy(fromChains, (k - 1) * steps, toChains, (k - 1) * steps, k);
      }
    }
    if (track) {
      System.arraycopy(fromReport, 0, toReport, 0, reportLevel);
    }
  }

  /** Applies the current tie group to the state. */
  private void apply() {
    if (stopped) {
      return;
    }
    if (groupOther && order && level >= 1) {
      stopped = true;
      return;
    }
    if (groupOr == 0) {
      return;
    }
    if (increase) {
      applyIncrease();
    } else if (once && groupMulti) {
      applyOnce();
    } else {
      applyDefault();
    }
    if (track && level > reportLevel) {
      System.arraycopy(chains, (level - 1) * steps, report, 0, level);
      reportLevel = level;
    }
    if (level == steps) {
      stopped = true;
    }
  }

  /** Whether a chain started at {@code start} may still take a step at {@code t >= start}. */
  private boolean inWindow(long t, long start) {
    // t - start may exceed Long.MAX_VALUE; as an unsigned number it is exact.
    return Long.compareUnsigned(t - start, window) <= 0;
  }

  /** Whether the first step-{@code k} entry of the group fires a stop rule, given R = {@code r}. */
  private boolean stopsBefore(int k, int r) {
    if (order && (k == 1 ? !reentry && r >= 2 : r >= 1 && r < k - 1)) {
      return true;
    }
    return deduplication && k >= 2 && r >= k;
  }

  /** Whether a second step-{@code k} entry of the group fires a stop rule, given R = {@code r} after the first. */
  private boolean stopsRepeat(int k, int r) {
    return deduplication && k >= 2 && r >= k && (groupDup & (1 << (k - 1))) != 0;
  }

  /** Entries in step order; a step-k entry extends the best chain of length k - 1, including this group's. */
  private void applyDefault() {
    final long t = groupTs;
    int bits = groupOr;
    while (bits != 0) {
      final int k = Integer.numberOfTrailingZeros(bits) + 1;
      bits &= bits - 1;
      if (stopsBefore(k, level)) {
        stopped = true;
        return;
      }
      if (k == 1) {
        // t is later than any earlier start, so it is the new best.
        best[1] = t;
        if (level == 0) {
          level = 1;
        }
        if (track) {
          chains[0] = t;
        }
      } else if (level >= k - 1 && inWindow(t, best[k - 1])) {
        final long start = best[k - 1];
        if (level < k || start > best[k]) {
          // Equal start: keep the older chain, which is lexicographically smaller.
          best[k] = start;
          level = Math.max(level, k);
          extendChain(k, t);
        }
      }
      if (stopsRepeat(k, level)) {
        stopped = true;
        return;
      }
    }
  }

  /** Under strict_increase a step-k entry extends only chains that ended before this group. */
  private void applyIncrease() {
    final long t = groupTs;
    final int before = level;
    int r = before;
    int include = 0;
    int bits = groupOr;
    while (bits != 0) {
      final int k = Integer.numberOfTrailingZeros(bits) + 1;
      bits &= bits - 1;
      if (stopsBefore(k, r)) {
        stopped = true;
        break;
      }
      include |= 1 << (k - 1);
      if (k > r && (k == 1 || before >= k - 1 && inWindow(t, best[k - 1]))) {
        r = k;
      }
      if (stopsRepeat(k, r)) {
        stopped = true;
        break;
      }
    }
    // Highest step first, so that best[k - 1] still describes chains that ended before t.
    while (include != 0) {
      final int k = 32 - Integer.numberOfLeadingZeros(include);
      include &= ~(1 << (k - 1));
      if (k == 1) {
        best[1] = t;
        if (track) {
          chains[0] = t;
        }
      } else if (before >= k - 1 && inWindow(t, best[k - 1])) {
        final long start = best[k - 1];
        if (before < k || start > best[k]) {
          best[k] = start;
          extendChain(k, t);
        }
      }
    }
    level = r;
  }

  /** Copies level k-1's chain into level k's and appends {@code t}. */
  private void extendChain(int k, long t) {
    if (track) {
      final int to = (k - 1) * steps;
      System.arraycopy(chains, to - steps, chains, to, k - 1);
      chains[to + k - 1] = t;
    }
  }

  /**
   * strict_once with a row that matches several steps. A chain ending at step b in this group takes steps a..b
   * from distinct rows of the group (a matching) and, if a > 1, a chain of length a - 1 that ended before the
   * group and may still extend (a - 1 <= extendable, below). The feasible a form the range [lowest matchable a ..
   * min(b, extendable + 1)], and the lowest gives the latest start since best[] does not increase with the level.
   */
  private void applyOnce() {
    final long t = groupTs;
    final int[] masks = groupMasks;
    final int n = groupSize;
    // Unsigned mask order (the entry order of the contract) keeps equal masks adjacent.
    for (int i = 0; i < n; i++) {
      masks[i] ^= Integer.MIN_VALUE;
    }
    Arrays.sort(masks, 0, n);
    for (int i = 0; i < n; i++) {
      masks[i] ^= Integer.MIN_VALUE;
    }
    final GroupMatcher m = matcher;
    m.load(masks, n);
    final int before = level;
    // Chains of length <= extendable (ended before t) may still take a step at t.
    int extendable = 0;
    while (extendable < before && inWindow(t, best[extendable + 1])) {
      extendable++;
    }
    final int[] lowest = onceStart;
    int r = before;
    int include = 0;
    int left = 1;
    int previous = 0;
    int bits = groupOr;
    while (bits != 0) {
      final int k = Integer.numberOfTrailingZeros(bits) + 1;
      bits &= bits - 1;
      if (stopsBefore(k, r)) {
        stopped = true;
        break;
      }
      if (k - 1 != previous) {
        m.clear();
        left = k;
      }
      previous = k;
      // Two pointers: the lowest matchable start of a run ending at k never decreases with k.
      while (!m.add(k)) {
        m.remove(left);
        left++;
      }
      lowest[k] = left;
      include |= 1 << (k - 1);
      final boolean feasible = left <= extendable + 1;
      if (feasible && deduplication && k >= 2) {
        // R reaches k after the j-th step-k entry (in mask order); a (j+1)-th entry would stop the funnel.
        final int rows = m.rowsWith(k);
        if (rows >= 2) {
          final int from = Math.min(k, extendable + 1);
          final int node = m.smallestLimit(from, k);
          final int j = m.rowsWithBefore(k, node) + 1;
          if (j < rows) {
            int a = left;
            while (!m.matchable(a, k, node)) {
              a++;
            }
            lowest[k] = a;
            r = Math.max(r, k);
            stopped = true;
            break;
          }
          // The probes above cleared the matching of the run left..k; rebuild it.
          for (int s = left; s <= k; s++) {
            m.add(s);
          }
        }
      }
      if (feasible && k > r) {
        r = k;
      }
    }
    m.clear();
    // Highest step first, so that best[a - 1] and its chain still describe chains that ended before t.
    while (include != 0) {
      final int b = 32 - Integer.numberOfLeadingZeros(include);
      include &= ~(1 << (b - 1));
      final int low = lowest[b];
      final int high = Math.min(b, extendable + 1);
      if (low > high) {
        continue;
      }
      final long start = low == 1 ? t : best[low - 1];
      final boolean fresh = b > before;
      if (!fresh && best[b] > start) {
        continue;
      }
      if (track) {
        chooseChain(b, t, low, high, start, !fresh && best[b] == start);
      }
      best[b] = start;
    }
    level = r;
  }

  /**
   * Sets level b's chain to the lexicographically smallest among: level b's current chain (if {@code keepOld}) and,
   * for each a in [low..high] whose start equals {@code start}, level (a-1)'s chain followed by {@code t} for steps
   * a..b.
   */
  private void chooseChain(int b, long t, int low, int high, long start, boolean keepOld) {
    int bestA = keepOld ? 0 : -1;
    for (int a = low; a <= high; a++) {
      if ((a == 1 ? t : best[a - 1]) != start) {
        break;
      }
      if (bestA < 0 || compareCandidates(a, bestA, b, t) < 0) {
        bestA = a;
      }
    }
    if (bestA > 0) {
      final int to = (b - 1) * steps;
      if (bestA > 1) {
        System.arraycopy(chains, (bestA - 2) * steps, chains, to, bestA - 1);
      }
      for (int i = bestA - 1; i < b; i++) {
        chains[to + i] = t;
      }
    }
  }

  /** Compares candidate chains of length b: a >= 1 built from level a-1, or 0 = level b's current chain. */
  private int compareCandidates(int a1, int a2, int b, long t) {
    for (int i = 0; i < b; i++) {
      final int c = Long.compare(candidateAt(a1, b, i, t), candidateAt(a2, b, i, t));
      if (c != 0) {
        return c;
      }
    }
    return 0;
  }

  private long candidateAt(int a, int b, int i, long t) {
    if (a == 0) {
      return chains[(b - 1) * steps + i];
    }
    return i < a - 1 ? chains[(a - 2) * steps + i] : t;
  }
}
