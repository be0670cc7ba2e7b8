package dev.funnelsql.calcite.function;

import dev.funnelsql.functions.funnel.ExcludingFunnelSpec;
import dev.funnelsql.functions.funnel.ExclusionCheck;
import dev.funnelsql.functions.funnel.FunnelMode;
import dev.funnelsql.functions.funnel.FunnelStateMachine;

/**
 * A model funnel's per-user aggregate over rows in time order: the streaming state machine over the step bits, the
 * exclusion rows remembered, and the chain capped at the first exclusion it crosses when the group ends. It stops
 * when the machine does: a later row cannot lie before the chain's last step.
 */
final class ExcludingFunnelEvaluator implements GroupEvaluator {
  private final FunnelStateMachine machine;
  private final ExclusionCheck exclusions;
  private final int steps;
  private final int stepMask;
  private final boolean strict;
  private final long[] chain;
  private final ExcludingFunnelSpec spec;

  ExcludingFunnelEvaluator(ExcludingFunnelSpec spec) {
    this.spec = spec;
    this.machine = new FunnelStateMachine(spec.funnel(), true);
    this.exclusions = new ExclusionCheck(spec.exclusions());
    this.steps = spec.funnel().steps();
    this.stepMask = steps == 32 ? -1 : (1 << steps) - 1;
    this.strict = spec.funnel().has(FunnelMode.STRICT_ORDER);
    this.chain = new long[steps];
  }

  @Override public void reset() {
    machine.reset();
    exclusions.reset();
  }

  @Override public void accept(long time, int mask) {
    final int own = mask & stepMask;
    if (own != 0 || strict) {
      machine.accept(time, own, spec.mayStart(mask));
    }
    final int excluded = spec.exclusionBits(mask);
    if (excluded != 0) {
      exclusions.accept(time, excluded);
    }
  }

  @Override public boolean stopped() {
    return machine.stopped();
  }

  @Override public Object result() {
    return BehaviouralRuntime.funnelTimes(level(), chain);
  }

  /** The number of steps the chain keeps after its exclusions (its times then in the chain buffer). */
  int level() {
    machine.chainTimes(chain);
    return exclusions.cap(machine.level(), chain);
  }
}
