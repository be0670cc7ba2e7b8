package dev.funnelsql.calcite.registry;

import dev.funnelsql.calcite.function.BehaviouralAggFunction;
import java.util.Locale;
import java.util.Objects;
import org.apache.calcite.sql.SqlOperator;

/**
 * One SQL function that FunnelSQL adds, as everything that lists or registers functions sees it: the validator's
 * operator table, {@code DatabaseMetaData.getFunctions} and the documentation.
 *
 * @param operator the operator the validator resolves the function's name to
 * @param signature the call syntax, e.g. {@code RETENTION(cond1, ..., condN)}
 * @param returns the result type as documented, e.g. {@code BOOLEAN ARRAY}
 * @param kind whether it is an aggregate or a scalar, which says how its calls are bound
 * @param description one line saying what it computes
 */
public record FunctionEntry(SqlOperator operator, String signature, String returns, Kind kind,
    String description) {
  /** How a function's calls are bound to their constant arguments. */
  public enum Kind {
    /**
     * A behavioural aggregate ({@link BehaviouralAggFunction}): before planning, each call is bound ({@link
     * BehaviouralAggFunction#bind}) to the validated value of its constant arguments (a funnel spec, a sequence
     * pattern), which both execution paths then run.
     */
    AGGREGATE,
    /**
     * A window function, used with {@code OVER}: before planning, each call becomes standard window functions the
     * event store computes; nothing is bound.
     */
    WINDOW,
    /** A scalar: its arguments are checked by the validator and it is implemented as called; nothing is bound. */
    SCALAR
  }

  /** Creates an entry, checking that it describes its operator. */
  public FunctionEntry {
    Objects.requireNonNull(operator, "operator");
    if ((kind == Kind.AGGREGATE) != BehaviouralAggFunction.isUnbound(operator)) {
      throw new IllegalArgumentException(operator.getName() + " is not a " + kind.name().toLowerCase(Locale.ROOT));
    }
    if (!signature.startsWith(operator.getName() + "(")) {
      throw new IllegalArgumentException("the signature of " + operator.getName() + " is " + signature);
    }
  }

  /** The function's SQL name, the operator's. */
  public String name() {
    return operator.getName();
  }

  /**
   * The {@code REMARKS} of {@code DatabaseMetaData.getFunctions}: signature, result type, kind and description, e.g.
   * {@code RETENTION(cond1, ..., condN) -> BOOLEAN ARRAY: aggregate; element 1 is ...}.
   */
  public String remarks() {
    return signature + " -> " + returns + ": " + (kind == Kind.AGGREGATE ? "aggregate; "
        : kind == Kind.WINDOW ? "window function; " : "") + description;
  }
}
