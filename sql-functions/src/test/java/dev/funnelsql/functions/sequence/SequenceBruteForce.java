package dev.funnelsql.functions.sequence;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Obvious, slow reference for SEQUENCE_MATCH / SEQUENCE_COUNT written straight from the definition in the
 * {@link SequenceAccumulator} Javadoc: it works on its own pattern model (not on the parser's output) and
 * enumerates index assignments recursively, in lexicographic order.
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

  static boolean matches(List<Elem> pattern, long unitsPerSecond, List<Event> events) {
    return firstMatch(pattern, unitsPerSecond, events, 0) != null;
  }

  /** Repeatedly takes the lexicographically smallest match starting at or after start; start = its end + 1. */
  static long count(List<Elem> pattern, long unitsPerSecond, List<Event> events) {
    long count = 0;
    int start = 0;
    while (true) {
      List<Integer> match = firstMatch(pattern, unitsPerSecond, events, start);
      if (match == null) {
        return count;
      }
      count++;
      start = match.get(match.size() - 1) + 1;
    }
  }

  /** The lexicographically smallest match whose first event is at or after start, or null. */
  static List<Integer> firstMatch(List<Elem> pattern, long unitsPerSecond, List<Event> events, int start) {
    return search(pattern, 0, unitsPerSecond, events, start, -1, false, new ArrayList<>(), new ArrayList<>());
  }

  private static List<Integer> search(List<Elem> pattern, int element, long unitsPerSecond, List<Event> events,
                                      int start, int previous, boolean gap, List<Elem> times,
                                      List<Integer> chosen) {
    if (element == pattern.size()) {
      return chosen;
    }
    Elem e = pattern.get(element);
    if (e.kind == Kind.STAR) {
      return search(pattern, element + 1, unitsPerSecond, events, start, previous, true, times, chosen);
    }
    if (e.kind == Kind.TIME) {
      List<Elem> moreTimes = new ArrayList<>(times);
      moreTimes.add(e);
      return search(pattern, element + 1, unitsPerSecond, events, start, previous, gap, moreTimes, chosen);
    }
    for (int p = 0; p < events.size(); p++) {
      boolean positionAllowed;
      if (previous < 0) {
        positionAllowed = p >= start;
      } else if (gap) {
        positionAllowed = p > previous;
      } else {
        positionAllowed = p == previous + 1;
      }
      if (!positionAllowed) {
        continue;
      }
      Event event = events.get(p);
      if (e.kind == Kind.EVENT && (event.mask & (1 << (e.cond - 1))) == 0) {
        continue;
      }
      boolean timesHold = true;
      for (Elem t : times) {
        long diff = event.ts - events.get(previous).ts;
        if (!holds(t.op, diff, t.seconds * unitsPerSecond)) {
          timesHold = false;
        }
      }
      if (!timesHold) {
        continue;
      }
      List<Integer> more = new ArrayList<>(chosen);
      more.add(p);
      List<Integer> found = search(pattern, element + 1, unitsPerSecond, events, start, p, false,
          new ArrayList<>(), more);
      if (found != null) {
        return found;
      }
    }
    return null;
  }

  private static boolean holds(String op, long diff, long threshold) {
    switch (op) {
      case "<=":
        return diff <= threshold;
      case "<":
        return diff < threshold;
      case ">=":
        return diff >= threshold;
      case ">":
        return diff > threshold;
      case "==":
        return diff == threshold;
      default:
        throw new IllegalArgumentException(op);
    }
  }
}
