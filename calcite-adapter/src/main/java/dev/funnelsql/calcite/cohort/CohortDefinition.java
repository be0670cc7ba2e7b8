package dev.funnelsql.calcite.cohort;

import dev.funnelsql.calcite.model.CohortConfig;
import dev.funnelsql.calcite.model.ModelException;
import dev.funnelsql.calcite.model.RetentionKind;
import dev.funnelsql.calcite.schema.EventsSource;
import dev.funnelsql.calcite.schema.ModelExpressions;
import java.util.Locale;

/**
 * A cohort of the model ready for SQL: its entry and return conditions in canonical SQL, the period unit as the
 * literal {@code PERIOD_START} takes, how returns are counted and how many periods are followed.
 *
 * @param name the cohort's name
 * @param entry the canonical SQL condition of the entry event
 * @param returning the canonical SQL condition of a returning event
 * @param unit {@code day}, {@code week} or {@code month}
 * @param retention how a return is counted in the matrix
 * @param periods the last period offset followed
 */
public record CohortDefinition(String name, String entry, String returning, String unit, RetentionKind retention,
    int periods) {
  /**
   * Reads a cohort of the model; an error at the cohort if a condition is not one SQL expression or the events'
   * time column is not a timestamp or date (calendar periods need one).
   */
  public static CohortDefinition of(CohortConfig config, EventsSource events) throws ModelException {
    final String entry = ModelExpressions.canonical(config.entry(), "the cohort's entry condition");
    final String returning = ModelExpressions.canonical(config.returning(), "the cohort's return condition");
    if (!events.temporalTime()) {
      throw config.where().error("cohort '" + config.name() + "' needs the events' time column to be a TIMESTAMP "
          + "or DATE: calendar periods cannot be taken of a number");
    }
    return new CohortDefinition(config.name(), entry, returning, config.period().name().toLowerCase(Locale.ROOT),
        config.retention(), config.periods());
  }
}
