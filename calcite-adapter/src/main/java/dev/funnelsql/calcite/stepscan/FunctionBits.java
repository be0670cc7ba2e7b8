package dev.funnelsql.calcite.stepscan;

import dev.funnelsql.calcite.function.BoundAggFunction;
import java.util.List;

/**
 * The behavioural functions a step scan computes and which bits of the mask column are each one's conditions.
 *
 * @param functions the functions, in the order of the aggregate's calls
 * @param bits per function, the mask bit of each of its conditions, in argument order
 * @param maskBits how many bits the mask column has (the distinct conditions)
 */
record FunctionBits(List<BoundAggFunction> functions, List<List<Integer>> bits, int maskBits) {
  FunctionBits {
    functions = List.copyOf(functions);
    bits = bits.stream().map(List::copyOf).toList();
  }
}
