package dev.funnelsql.calcite.cohort;

import dev.funnelsql.calcite.model.CohortConfig;
import dev.funnelsql.calcite.model.ModelException;
import dev.funnelsql.calcite.model.RetentionKind;
import dev.funnelsql.calcite.schema.EventsSource;
import dev.funnelsql.calcite.schema.ModelExpressions;
import dev.funnelsql.calcite.model.Bracket;
import dev.funnelsql.calcite.model.CohortEntries;
import dev.funnelsql.calcite.model.FunnelConfig;
import dev.funnelsql.calcite.model.Located;
import dev.funnelsql.calcite.model.Model;
import dev.funnelsql.calcite.segment.FunnelStageSegmentKind;
import dev.funnelsql.calcite.segment.SegmentOptions;
import dev.funnelsql.calcite.segment.Segmentation;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * A cohort of the model ready for SQL: its entry and return conditions in canonical SQL, the period unit as the
 * literal {@code PERIOD_START} takes, how returns are counted and how many periods are followed, which entries count,
 * the brackets, and the segmentations its matrix is broken down by.
 *
 * @param name the cohort's name
 * @param entry the canonical SQL condition of the entry event
 * @param returning the canonical SQL condition of a returning event
 * @param unit {@code day}, {@code week} or {@code month}
 * @param retention how a return is counted in the matrix
 * @param periods the last period offset followed
 * @param entries whether only the first entry event counts, or every one
 * @param brackets the brackets of bracket retention, in order (empty otherwise)
 * @param breakdowns the matrix's breakdowns, each a segmentation (a funnel as its stage reached)
 */
public record CohortDefinition(String name, String entry, String returning, String unit, RetentionKind retention,
    int periods, CohortEntries entries, List<Bracket> brackets, List<Segmentation> breakdowns) {
  /**
   * Reads a cohort of the model; an error at the cohort if a condition is not one SQL expression or the events'
   * time column is not a timestamp or date (calendar periods need one), and at a breakdown that is neither a
   * segmentation, a funnel of the model, nor a column of the events (the value on each member's first entry event).
   */
  public static CohortDefinition of(CohortConfig config, EventsSource events, Model model,
      Map<String, Segmentation> segmentations) throws ModelException {
    final String entry = ModelExpressions.canonical(config.entry(), "the cohort's entry condition");
    final String returning = ModelExpressions.canonical(config.returning(), "the cohort's return condition");
    if (!events.temporalTime()) {
      throw config.where().error("cohort '" + config.name() + "' needs the events' time column to be a TIMESTAMP "
          + "or DATE: calendar periods cannot be taken of a number");
    }
    final List<Segmentation> breakdowns = new ArrayList<>();
    for (Located breakdown : config.breakdowns()) {
      final @Nullable Segmentation segmentation = segmentations.get(breakdown.text());
      final @Nullable FunnelConfig funnel = model.funnel(breakdown.text());
      if (segmentation != null) {
        breakdowns.add(segmentation);
      } else if (funnel != null) {
        breakdowns.add(FunnelStageSegmentKind.stage(funnel.name(), funnel, breakdown, SegmentOptions.DEFAULT_PERIOD,
            null));
      } else if (events.hasColumn(breakdown.text())) {
        breakdowns.add(new EntryColumnBreakdown(breakdown.text(), entry));
      } else {
        throw breakdown.error("breakdown " + breakdown.where().quoted() + " is neither a segmentation, a funnel of "
            + "this model, nor a column of the events table");
      }
    }
    return new CohortDefinition(config.name(), entry, returning, config.period().name().toLowerCase(Locale.ROOT),
        config.retention(), config.periods(), config.entries(), config.brackets(), breakdowns);
  }
}
