package dev.funnelsql.calcite.model;

import java.util.List;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * A path of the model: where users went after a start event (or came from before an end event), node by node; it
 * becomes the table {@code paths.<name>}, one row per edge, the shape a Sankey chart takes.
 *
 * @param name the path's name (its key under {@code paths:}; any characters)
 * @param where the path's mapping in the model file
 * @param start SQL condition of the event a path starts at (the user's first one), or null: the user's first event
 * @param end SQL condition of the event a path ends at (the first one from the start), or null
 * @param steps the most nodes a path has (its depth), 2 to {@value #MAX_STEPS}
 * @param node SQL expression naming a node, or null: the event column
 * @param collapse whether consecutive repeats of one node count as one node
 * @param top the most nodes kept at each depth; the others become {@code other}
 * @param per {@code per:} when it is not {@code user}: the derived session ({@code session}, or the derived column's
 *     name), whose paths are counted per user; null: the path is the user's
 */
public record PathConfig(String name, ModelNode where, @Nullable Located start, @Nullable Located end, int steps,
    @Nullable Located node, boolean collapse, int top, @Nullable Located per) {
  /** The depth of a path when the model does not say. */
  public static final int DEFAULT_STEPS = 5;
  /** The largest depth a path may have. */
  public static final int MAX_STEPS = 20;
  /** The number of nodes kept per depth when the model does not say. */
  public static final int DEFAULT_TOP = 10;
  /** The largest number of nodes that may be kept per depth. */
  public static final int MAX_TOP = 1000;

  /** Whether a path is each session's (the model's derived session), rather than each user's. */
  public boolean perSession() {
    return per != null;
  }

  /** The names of the tables this path becomes. */
  public List<String> tableNames() {
    return List.of(name);
  }
}
