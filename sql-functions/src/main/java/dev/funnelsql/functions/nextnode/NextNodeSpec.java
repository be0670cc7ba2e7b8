package dev.funnelsql.functions.nextnode;

import java.util.Locale;
import java.util.Objects;

/**
 * The validated, immutable parameters of one SEQUENCE_NEXT_NODE(direction, base, ts, event_column, base_condition,
 * event1, ...) call, so that an invalid combination is rejected once, when the query is prepared.
 *
 * <h2>Parameters</h2>
 * <ul>
 *   <li><b>direction</b> &ndash; {@code 'forward'} (the answer is the row right after the chain of events) or
 *       {@code 'backward'} (the answer is the row right before it; event1 is then the latest row of the chain);</li>
 *   <li><b>base</b> &ndash; where the chain starts: {@code 'head'} (the first row), {@code 'tail'} (the last row),
 *       {@code 'first_match'} / {@code 'last_match'} (the first / last row on which event1 and base_condition both
 *       hold);</li>
 *   <li><b>events</b> &ndash; the number of event condition arguments (event1, event2, ...).</li>
 * </ul>
 * Direction and base are accepted in any letter case and with surrounding whitespace; {@link #toString()} and the
 * accessors use the lower-case ClickHouse spelling.
 *
 * <h2>Validation</h2>
 * As in ClickHouse's {@code sequenceNextNode}: an unknown direction or base is an error; {@code 'forward'} with
 * {@code 'tail'} and {@code 'backward'} with {@code 'head'} are rejected (with an event the answer would always be
 * NULL); {@code 'first_match'} and {@code 'last_match'} need at least one event condition (event1 selects the base
 * row), while {@code 'head'} and {@code 'tail'} also accept none (then the answer is the base row itself). The
 * number of event conditions is at most {@value #MAX_EVENTS}: the condition mask passed to
 * {@link NextNodeAccumulator#add} is a 32-bit int whose bit 0 is base_condition. ClickHouse allows up to 64.
 * Every violation throws {@link IllegalArgumentException} with a message naming the wrong value and the valid ones.
 */
public final class NextNodeSpec {

  /** The largest number of event conditions: bits 1 to 31 of the 32-bit mask (bit 0 is base_condition). */
  public static final int MAX_EVENTS = 31;

  /** Which way the chain of events runs from the base row, and on which side of it the answer is taken. */
  public enum Direction {
    /** Event k is checked on the (k-1)-th row after the base; the answer is the row after the chain. */
    FORWARD,
    /** Event k is checked on the (k-1)-th row before the base; the answer is the row before the chain. */
    BACKWARD;

    /** Returns the lower-case ClickHouse name, e.g. {@code forward}. */
    public String sqlName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** Which row is the base (the row on which event1 must hold). */
  public enum Base {
    /** The first row of the group, which must satisfy base_condition. */
    HEAD,
    /** The last row of the group, which must satisfy base_condition. */
    TAIL,
    /** The first row on which event1 and base_condition both hold. */
    FIRST_MATCH,
    /** The last row on which event1 and base_condition both hold. */
    LAST_MATCH;

    /** Returns the lower-case ClickHouse name, e.g. {@code first_match}. */
    public String sqlName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  private static final String DIRECTIONS = "'forward', 'backward'";
  private static final String BASES = "'head', 'tail', 'first_match', 'last_match'";

  private final Direction direction;
  private final Base base;
  private final int events;

  private NextNodeSpec(Direction direction, Base base, int events) {
    this.direction = direction;
    this.base = base;
    this.events = events;
  }

  /**
   * Parses and validates the parameters of a call.
   *
   * @param direction {@code forward} or {@code backward}, any letter case, surrounding whitespace ignored
   * @param base      {@code head}, {@code tail}, {@code first_match} or {@code last_match}, any letter case,
   *                  surrounding whitespace ignored
   * @param events    the number of event conditions, 0 to {@value #MAX_EVENTS} (at least 1 for first_match and
   *                  last_match)
   * @return the specification
   * @throws IllegalArgumentException if a value is unknown (including null) or the combination is invalid
   */
  public static NextNodeSpec of(String direction, String base, int events) {
    return of(parseDirection(direction), parseBase(base), events);
  }

  /**
   * Validates already parsed parameters.
   *
   * @param direction the direction, not null
   * @param base      the base, not null
   * @param events    the number of event conditions
   * @return the specification
   * @throws IllegalArgumentException if the combination is invalid (see the class documentation)
   */
  public static NextNodeSpec of(Direction direction, Base base, int events) {
    Objects.requireNonNull(direction, "direction");
    Objects.requireNonNull(base, "base");
    if (direction == Direction.FORWARD && base == Base.TAIL) {
      throw new IllegalArgumentException("SEQUENCE_NEXT_NODE: base 'tail' cannot be used with direction 'forward'"
          + " (nothing follows the last row); valid bases for 'forward' are 'head', 'first_match', 'last_match'");
    }
    if (direction == Direction.BACKWARD && base == Base.HEAD) {
      throw new IllegalArgumentException("SEQUENCE_NEXT_NODE: base 'head' cannot be used with direction 'backward'"
          + " (nothing precedes the first row); valid bases for 'backward' are 'tail', 'first_match', 'last_match'");
    }
    if (events < 0 || events > MAX_EVENTS) {
      throw new IllegalArgumentException("SEQUENCE_NEXT_NODE: the number of event conditions must be 0 to "
          + MAX_EVENTS + ", got " + events
          + (events > MAX_EVENTS ? " (ClickHouse allows 64; the condition mask here has 32 bits)" : ""));
    }
    if (events == 0 && (base == Base.FIRST_MATCH || base == Base.LAST_MATCH)) {
      throw new IllegalArgumentException("SEQUENCE_NEXT_NODE: base '" + base.sqlName()
          + "' needs at least 1 event condition (event1 selects the base row), got 0;"
          + " only 'head' and 'tail' accept 0 event conditions");
    }
    return new NextNodeSpec(direction, base, events);
  }

  private static Direction parseDirection(String text) {
    String key = normalise(text);
    if (key != null) {
      for (Direction d : Direction.values()) {
        if (d.sqlName().equals(key)) {
          return d;
        }
      }
    }
    throw new IllegalArgumentException("SEQUENCE_NEXT_NODE: unknown direction " + quote(text)
        + "; valid directions are " + DIRECTIONS);
  }

  private static Base parseBase(String text) {
    String key = normalise(text);
    if (key != null) {
      for (Base b : Base.values()) {
        if (b.sqlName().equals(key)) {
          return b;
        }
      }
    }
    throw new IllegalArgumentException("SEQUENCE_NEXT_NODE: unknown base " + quote(text)
        + "; valid bases are " + BASES);
  }

  /** Strips whitespace and lower-cases ASCII letters only, so that no locale or exotic case folding applies. */
  private static String normalise(String text) {
    if (text == null) {
      return null;
    }
    String s = text.strip();
    StringBuilder sb = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      sb.append(c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c);
    }
    return sb.toString();
  }

  private static String quote(String text) {
    return text == null ? "NULL" : "'" + text + "'";
  }

  /** Returns the direction. */
  public Direction direction() {
    return direction;
  }

  /** Returns the base. */
  public Base base() {
    return base;
  }

  /** Returns the number of event conditions (event1 ... eventN). */
  public int events() {
    return events;
  }

  /** Returns e.g. {@code SEQUENCE_NEXT_NODE('forward', 'head', 2 events)}. */
  @Override
  public String toString() {
    return "SEQUENCE_NEXT_NODE('" + direction.sqlName() + "', '" + base.sqlName() + "', " + events
        + (events == 1 ? " event)" : " events)");
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof NextNodeSpec)) {
      return false;
    }
    NextNodeSpec other = (NextNodeSpec) o;
    return direction == other.direction && base == other.base && events == other.events;
  }

  @Override
  public int hashCode() {
    return (direction.ordinal() * 4 + base.ordinal()) * 64 + events;
  }
}
