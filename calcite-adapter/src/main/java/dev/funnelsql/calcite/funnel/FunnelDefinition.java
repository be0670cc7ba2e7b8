package dev.funnelsql.calcite.funnel;

import dev.funnelsql.calcite.model.Attribution;
import dev.funnelsql.calcite.model.BreakdownTime;
import dev.funnelsql.calcite.model.ExclusionConfig;
import dev.funnelsql.calcite.model.FunnelConfig;
import dev.funnelsql.calcite.model.Located;
import dev.funnelsql.calcite.model.ModelException;
import dev.funnelsql.calcite.model.SessionConfig;
import dev.funnelsql.calcite.model.StepConfig;
import dev.funnelsql.calcite.model.StepOrder;
import dev.funnelsql.calcite.schema.ModelExpressions;
import dev.funnelsql.calcite.schema.SqlText;
import dev.funnelsql.functions.funnel.FunnelMode;
import dev.funnelsql.functions.funnel.FunnelSpec;
import dev.funnelsql.functions.period.CalendarPeriod;
import dev.funnelsql.functions.period.LocalCalendar;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * A model funnel, resolved for SQL generation: its steps' names and (already canonical) conditions, window, the
 * {@code FUNNEL_STEP} modes its options imply, and the segmentations it is broken down by.
 *
 * @param name the funnel's name
 * @param stepNames the step names, in order
 * @param conditions the step conditions as SQL expressions, in order
 * @param windowSeconds the window in seconds
 * @param modes the {@code FUNNEL_STEP} modes, parsed and checked: whoever asks about a mode asks this set
 * @param breakdowns names of the segmentations, or columns of the events, the summary is broken down by
 * @param exclusions the exclusion steps
 * @param trend the entry period of the trend table
 * @param calendar the calendar of the trend's periods (the model's time zone)
 * @param per the column of the entities the funnel counts instead of users, or null (the events' user); for a
 *     funnel per the derived session, {@value SessionConfig#PER}
 * @param perSession whether the funnel counts the sessions the model derives, each a (user, session number) pair
 * @param drivers the columns whose values the drivers table weighs, besides the event name
 * @param attribution which step's event gives a user their value of a column breakdown
 * @param asOf when the funnel takes its users' segments: at their entry, or now
 */
public record FunnelDefinition(String name, List<String> stepNames, List<String> conditions, long windowSeconds,
    Set<FunnelMode> modes, List<String> breakdowns, List<Exclusion> exclusions, CalendarPeriod trend,
    LocalCalendar calendar, @Nullable String per, boolean perSession, List<String> drivers,
    Attribution attribution, BreakdownTime asOf) {
  /** Creates a definition (the modes are copied). */
  public FunnelDefinition {
    modes = Collections.unmodifiableSet(modes.isEmpty() ? EnumSet.noneOf(FunnelMode.class) : EnumSet.copyOf(modes));
  }

  /**
   * The mode argument of a {@code FUNNEL_STEP}/{@code FUNNEL_TIMES} call: the modes' canonical names as a string
   * literal and a comma, e.g. {@code 'strict_order', }, or "" if the funnel has no mode.
   */
  public String modeArgument() {
    return modes.isEmpty() ? ""
        : SqlText.literal(FunnelSpec.formatModes(modes)) + ", ";
  }

  /**
   * Resolves a model funnel: canonical step and exclusion conditions, and the modes its options imply ({@code
   * order: strict} adds {@code strict_order}, {@code order: unordered} is the {@code unordered} mode).
   */
  public static FunnelDefinition of(FunnelConfig funnel, LocalCalendar calendar) throws ModelException {
    return of(funnel, calendar, false);
  }

  /**
   * Resolves a model funnel, which counts the sessions the model derives when {@code perSession} (its {@code per:}
   * names them).
   */
  public static FunnelDefinition of(FunnelConfig funnel, LocalCalendar calendar, boolean perSession)
      throws ModelException {
    final List<String> names = new ArrayList<>();
    final List<String> conditions = new ArrayList<>();
    for (StepConfig step : funnel.steps()) {
      names.add(step.name());
      conditions.add(ModelExpressions.canonical(step.when(), "the step condition"));
    }
    final Set<FunnelMode> modes = modes(funnel);
    final List<String> breakdowns = new ArrayList<>();
    funnel.breakdowns().forEach(breakdown -> breakdowns.add(breakdown.text()));
    final List<Exclusion> exclusions = new ArrayList<>();
    for (ExclusionConfig exclusion : funnel.exclusions()) {
      exclusions.add(new Exclusion(ModelExpressions.canonical(exclusion.when(), "the exclusion"),
          exclusion.fromStep(), exclusion.toStep()));
    }
    return new FunnelDefinition(funnel.name(), names, conditions, funnel.windowSeconds(), modes,
        breakdowns, exclusions, CalendarPeriod.valueOf(funnel.trend().name()), calendar,
        perSession ? SessionConfig.PER : funnel.per() == null ? null : funnel.per().text(), perSession,
        funnel.drivers().stream().map(Located::text).toList(), funnel.attribution(), funnel.asOf());
  }

  /**
   * The modes written under {@code mode:} (any case) and those that {@code order:} implies, checked as {@code
   * FUNNEL_STEP} checks them; a mistake is reported at the {@code mode:} line in the words of {@code FUNNEL_STEP}.
   */
  private static Set<FunnelMode> modes(FunnelConfig funnel) throws ModelException {
    try {
      final Set<FunnelMode> modes = FunnelSpec.parseModes(funnel.mode());
      if (funnel.order() == StepOrder.STRICT) {
        modes.add(FunnelMode.STRICT_ORDER);
      } else if (funnel.order() == StepOrder.UNORDERED) {
        modes.add(FunnelMode.UNORDERED);
      }
      return FunnelSpec.of(funnel.steps().size(), funnel.windowSeconds(), modes).modes();
    } catch (IllegalArgumentException e) {
      throw (funnel.modeNode() != null ? funnel.modeNode() : funnel.where())
          .error("invalid funnel mode: FUNNEL_STEP: " + e.getMessage());
    }
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
