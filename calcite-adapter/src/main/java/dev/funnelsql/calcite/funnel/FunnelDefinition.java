package dev.funnelsql.calcite.funnel;

import dev.funnelsql.calcite.model.ExclusionConfig;
import dev.funnelsql.calcite.model.FunnelConfig;
import dev.funnelsql.calcite.model.ModelException;
import dev.funnelsql.calcite.model.StepConfig;
import dev.funnelsql.calcite.model.StepOrder;
import dev.funnelsql.calcite.schema.ModelExpressions;
import java.util.ArrayList;
import java.util.List;

/**
 * A model funnel, resolved for SQL generation: its steps' names and (already canonical) conditions, window, the
 * {@code FUNNEL_STEP} modes its options imply, and the segmentations it is broken down by.
 *
 * @param name the funnel's name
 * @param stepNames the step names, in order
 * @param conditions the step conditions as SQL expressions, in order
 * @param windowSeconds the window in seconds
 * @param modes the modes string for {@code FUNNEL_TIMES}, possibly empty
 * @param breakdowns names of the segmentations the summary is broken down by
 * @param exclusions the exclusion steps
 */
public record FunnelDefinition(String name, List<String> stepNames, List<String> conditions, long windowSeconds,
    String modes, List<String> breakdowns, List<Exclusion> exclusions) {
  /**
   * Resolves a model funnel: canonical step and exclusion conditions, and the modes its options imply ({@code
   * order: strict} adds {@code strict_order}, {@code order: unordered} is the {@code unordered} mode).
   */
  public static FunnelDefinition of(FunnelConfig funnel) throws ModelException {
    final List<String> names = new ArrayList<>();
    final List<String> conditions = new ArrayList<>();
    for (StepConfig step : funnel.steps()) {
      names.add(step.name());
      conditions.add(ModelExpressions.canonical(step.when(), "the step condition"));
    }
    final List<String> modes = new ArrayList<>();
    if (!funnel.mode().isBlank()) {
      modes.add(funnel.mode());
    }
    if (funnel.order() == StepOrder.STRICT && !funnel.mode().contains("strict_order")) {
      modes.add("strict_order");
    } else if (funnel.order() == StepOrder.UNORDERED) {
      modes.add("unordered");
    }
    final List<String> breakdowns = new ArrayList<>();
    funnel.breakdowns().forEach(breakdown -> breakdowns.add(breakdown.text()));
    final List<Exclusion> exclusions = new ArrayList<>();
    for (ExclusionConfig exclusion : funnel.exclusions()) {
      exclusions.add(new Exclusion(ModelExpressions.canonical(exclusion.when(), "the exclusion"),
          exclusion.fromStep(), exclusion.toStep()));
    }
    return new FunnelDefinition(funnel.name(), names, conditions, funnel.windowSeconds(), String.join(",", modes),
        breakdowns, exclusions);
  }

  /**
   * An exclusion step: a user whose counted chain has an event matching {@code condition} strictly between the
   * times of step {@code from} and step {@code to} (or its last step reached, if it stopped earlier) is counted as
   * having reached step {@code from} only.
   *
   * @param condition the exclusion condition as SQL
   * @param from the step after which the exclusion applies (1-based)
   * @param to the step before which it applies
   */
  public record Exclusion(String condition, int from, int to) {
  }
}
