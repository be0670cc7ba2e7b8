package dev.funnelsql.calcite.function;

import dev.funnelsql.functions.funnel.FunnelSpec;
import dev.funnelsql.functions.funnel.FunnelStateMachine;

/** {@code FUNNEL_STEP} or {@code FUNNEL_TIMES} over rows in time order: the streaming state machine, no buffer. */
final class FunnelEvaluator implements GroupEvaluator {
  private final FunnelStateMachine machine;
  private final boolean times;
  private final long[] chain;

  FunnelEvaluator(FunnelSpec spec, boolean times) {
    this.machine = new FunnelStateMachine(spec, times);
    this.times = times;
    this.chain = new long[spec.steps()];
  }

  @Override public void reset() {
    machine.reset();
  }

  @Override public void accept(long time, int mask) {
    machine.accept(time, mask);
  }

  @Override public boolean stopped() {
    return machine.stopped();
  }

  @Override public Object result() {
    if (!times) {
      return machine.level();
    }
    machine.chainTimes(chain);
    return BehaviouralRuntime.funnelTimes(machine.level(), chain);
  }
}
