package dev.funnelsql.calcite.stepscan;

import dev.funnelsql.calcite.function.BoundAggFunction;
import java.util.ArrayList;
import java.util.List;

/**
 * The behavioural functions a step scan computes, which bits of the mask column are each one's conditions and which
 * bit, if any, marks the rows a function skips (SEQUENCE_NEXT_NODE's rows with a NULL condition).
 *
 * @param functions the functions, in the order of the aggregate's calls
 * @param bits per function, the mask bit of each of its conditions, in argument order
 * @param maskBits how many bits the mask column has (the distinct conditions)
 * @param skips per function, the mask bit set on the rows it skips, or -1 if it reads every row
 */
record FunctionBits(List<BoundAggFunction> functions, List<List<Integer>> bits, int maskBits, List<Integer> skips) {
  FunctionBits {
    functions = List.copyOf(functions);
    bits = bits.stream().map(List::copyOf).toList();
    skips = List.copyOf(skips);
  }

  /** Functions that skip no rows. */
  FunctionBits(List<BoundAggFunction> functions, List<List<Integer>> bits, int maskBits) {
    this(functions, bits, maskBits, none(bits.size()));
  }

  private static List<Integer> none(int count) {
    final List<Integer> skips = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      skips.add(-1);
    }
    return skips;
  }
}
