package dev.funnelsql.calcite.function;

import org.apache.calcite.runtime.Resources;
import org.apache.calcite.runtime.Resources.BaseMessage;
import org.apache.calcite.runtime.Resources.ExInst;

/** Calcite resource bundle for the validation errors of FunnelSQL functions, so errors carry the SQL position. */
public interface FunctionErrors {
  /** The singleton instance. */
  FunctionErrors INSTANCE = Resources.create(FunctionErrors.class);

  /** A wrong argument value. */
  @BaseMessage("{0}")
  ExInst<InvalidArgumentException> invalidArgument(String message);

  /** A wrong argument type. */
  @BaseMessage("{0}")
  ExInst<ArgumentTypeException> wrongType(String message);
}
