package dev.funnelsql.functions.sequence;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;

/**
 * Slow reference for SEQUENCE_MATCH / SEQUENCE_COUNT: a literal model of ClickHouse's two matchers as its source
 * runs them (research note: the backtracking search with an explicit stack of choice points, including its end rule
 * and its million-step limit, and the DFA that sequenceMatch uses for patterns without a time condition). It works
 * on its own pattern model, not on the parser's output.
 */
final class SequenceBruteForce {

  /** Kinds of pattern elements. */
  enum Kind { EVENT, ANY, STAR, TIME }

  /** One pattern element of the test-side model. */
  static final class Elem {
    final Kind kind;
    final int cond;
    final String op;
    final long seconds;

    private Elem(Kind kind, int cond, String op, long seconds) {
      this.kind = kind;
      this.cond = cond;
      this.op = op;
      this.seconds = seconds;
    }

    static Elem event(int cond) {
      return new Elem(Kind.EVENT, cond, null, 0);
    }

    static Elem any() {
      return new Elem(Kind.ANY, 0, null, 0);
    }

    static Elem star() {
      return new Elem(Kind.STAR, 0, null, 0);
    }

    static Elem time(String op, long seconds) {
      return new Elem(Kind.TIME, 0, op, seconds);
    }

    String canonical() {
      switch (kind) {
        case EVENT:
          return "(?" + cond + ")";
        case ANY:
          return ".";
        case STAR:
          return ".*";
        default:
          return "(?t" + op + seconds + ")";
      }
    }

    @Override
    public String toString() {
      return canonical();
    }
  }

  /** One event: a row with a non-zero mask. */
  static final class Event {
    final long ts;
    final int mask;

    Event(long ts, int mask) {
      this.ts = ts;
      this.mask = mask;
    }

    @Override
    public String toString() {
      return ts + ":" + Integer.toBinaryString(mask);
    }
  }

  private SequenceBruteForce() {
  }

  static String canonical(List<Elem> pattern) {
    StringBuilder sb = new StringBuilder();
    for (Elem e : pattern) {
      sb.append(e.canonical());
    }
    return sb.toString();
  }

  /** The events of a group: rows whose mask (restricted to the conditions) is non-zero, sorted by (ts, mask). */
  static List<Event> events(int conditions, long[] ts, int[] masks) {
    long valid = (1L << conditions) - 1;
    List<Event> events = new ArrayList<>();
    for (int i = 0; i < ts.length; i++) {
      int m = (int) (masks[i] & valid);
      if (m != 0) {
        events.add(new Event(ts[i], m));
      }
    }
    events.sort(Comparator.<Event>comparingLong(e -> e.ts).thenComparing((a, b) -> Integer.compareUnsigned(
        a.mask, b.mask)));
    return events;
  }

  /** Thrown when ClickHouse would give up (TOO_SLOW): the case has no ClickHouse answer to compare with. */
  static final class TooSlow extends RuntimeException {
    private static final long serialVersionUID = 1L;

    TooSlow() {
      super("more than " + MAX_STEPS + " steps", null, false, false);
    }
  }

  static final long MAX_STEPS = 1_000_000;

  /** sequenceMatch: the precheck, then the DFA without time conditions, the backtracking search with them. */
  static boolean matches(List<Elem> pattern, long unit, List<Event> events) {
    if (!conditionsMet(pattern, events)) {
      return false;
    }
    boolean timed = pattern.stream().anyMatch(e -> e.kind == Kind.TIME);
    return timed ? backtrack(pattern, unit, events, 0)[0] == 1 : dfa(pattern, events);
  }

  /** sequenceCount: the precheck, then backtracking searches one after another until one fails. */
  static long count(List<Elem> pattern, long unit, List<Event> events) {
    if (!conditionsMet(pattern, events)) {
      return 0;
    }
    long count = 0;
    int pos = 0;
    while (pos != events.size()) {
      int[] result = backtrack(pattern, unit, events, pos);
      if (result[0] == 0) {
        break;
      }
      count++;
      pos = result[1];
    }
    return count;
  }

  private static boolean conditionsMet(List<Elem> pattern, List<Event> events) {
    int seen = 0;
    for (Event e : events) {
      seen |= e.mask;
    }
    for (Elem e : pattern) {
      if (e.kind == Kind.EVENT && (seen & (1 << (e.cond - 1))) == 0) {
        return false;
      }
    }
    return true;
  }

  /**
   * One backtracking search from event s, step by step as ClickHouse's loop runs it.
   *
   * @return {matched ? 1 : 0, the position the next search starts from, 1 if the match has a time condition that
   *     skipped events (it let the next action be tried past the first event it was tried on) else 0}
   */
  static int[] backtrack(List<Elem> pattern, long unit, List<Event> ev, int s) {
    List<Elem> acts = new ArrayList<>();
    acts.add(Elem.star());
    acts.addAll(pattern);
    int m = acts.size();
    int n = ev.size();
    int[] state = {0, s, s, s};
    Deque<int[]> stack = new ArrayDeque<>();
    long steps = 0;
    loop:
    while (state[0] < m && state[1] < n) {
      Elem act = acts.get(state[0]);
      int e = state[1];
      switch (act.kind) {
        case EVENT:
          if ((ev.get(e).mask & (1 << (act.cond - 1))) != 0) {
            state = new int[] {state[0] + 1, e + 1, e, e + 1};
          } else if (!pop(stack, state, n)) {
            break loop;
          }
          break;
        case ANY:
          state = new int[] {state[0] + 1, e + 1, e, e + 1};
          break;
        case STAR:
          stack.push(state.clone());
          state = new int[] {state[0] + 1, e, e, e};
          break;
        default:
          long diff = ev.get(e).ts - ev.get(state[2]).ts;
          if (holds(act.op, diff, act.seconds, unit)) {
            stack.push(state.clone());
            state = new int[] {state[0] + 1, e, e, e};
          } else if ("<".equals(act.op) || "<=".equals(act.op)) {
            if (!pop(stack, state, n)) {
              break loop;
            }
          } else {
            state[1] = e + 1;
            if (state[1] == n && !pop(stack, state, n)) {
              break loop;
            }
          }
          break;
      }
      if (++steps > MAX_STEPS) {
        throw new TooSlow();
      }
    }
    int a = state[0];
    while (a < m && holdsAtEnd(acts.get(a))) {
      a++;
    }
    int next = state[1] == s ? s + 1 : state[1];
    boolean skipped = false;
    for (int[] frame : stack) {
      skipped |= acts.get(frame[0]).kind == Kind.TIME && frame[1] > frame[3];
    }
    return new int[] {a == m ? 1 : 0, next, a == m && skipped ? 1 : 0};
  }

  /** ClickHouse's do_backtrack: pops choice points until one can move one event on; leaves the last one popped. */
  private static boolean pop(Deque<int[]> stack, int[] state, int n) {
    while (!stack.isEmpty()) {
      int[] top = stack.pop();
      state[0] = top[0];
      state[1] = top[1] + 1;
      state[2] = top[2];
      state[3] = top[3];
      if (state[1] != n) {
        return true;
      }
    }
    return false;
  }

  private static boolean holdsAtEnd(Elem act) {
    return act.kind == Kind.STAR || act.kind == Kind.TIME && ("<".equals(act.op) || "<=".equals(act.op)
        || ">=".equals(act.op) && act.seconds == 0);
  }

  /** ClickHouse's DFA: one state per event element, a self-loop where a .* stands (and on the first state). */
  static boolean dfa(List<Elem> pattern, List<Event> events) {
    List<Elem> transitions = new ArrayList<>();
    List<Boolean> loops = new ArrayList<>();
    loops.add(true);
    for (Elem e : pattern) {
      if (e.kind == Kind.STAR) {
        loops.set(loops.size() - 1, true);
      } else if (e.kind != Kind.TIME) {
        transitions.add(e);
        loops.add(false);
      }
    }
    int states = loops.size();
    boolean[] active = new boolean[states];
    active[0] = true;
    int alive = 1;
    for (int i = 0; i < events.size() && alive > 0 && !active[states - 1]; i++) {
      boolean[] next = new boolean[states];
      alive = 0;
      for (int q = 0; q < states; q++) {
        if (!active[q]) {
          continue;
        }
        if (q < transitions.size()) {
          Elem t = transitions.get(q);
          if (t.kind == Kind.ANY || (events.get(i).mask & (1 << (t.cond - 1))) != 0) {
            next[q + 1] = true;
            alive++;
          }
        }
        if (loops.get(q)) {
          next[q] = true;
          alive++;
        }
      }
      active = next;
    }
    return active[states - 1];
  }

  private static boolean holds(String op, long diff, long seconds, long unit) {
    if (Math.multiplyHigh(seconds, unit) != 0) {
      return "<".equals(op) || "<=".equals(op);
    }
    int c = Long.compareUnsigned(diff, seconds * unit);
    switch (op) {
      case "<=":
        return c <= 0;
      case "<":
        return c < 0;
      case ">=":
        return c >= 0;
      case ">":
        return c > 0;
      case "==":
        return c == 0;
      default:
        throw new IllegalArgumentException(op);
    }
  }
}
