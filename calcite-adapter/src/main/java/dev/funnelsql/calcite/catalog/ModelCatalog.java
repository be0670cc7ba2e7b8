package dev.funnelsql.calcite.catalog;

import dev.funnelsql.calcite.cohort.CohortDefinition;
import dev.funnelsql.calcite.cohort.CohortPeriods;
import dev.funnelsql.calcite.cohort.CohortsSchema;
import dev.funnelsql.calcite.function.CalendarZone;
import dev.funnelsql.calcite.funnel.FunnelDefinition;
import dev.funnelsql.calcite.funnel.FunnelsSchema;
import dev.funnelsql.calcite.model.BreakdownTime;
import dev.funnelsql.calcite.model.CohortConfig;
import dev.funnelsql.calcite.model.EventsConfig;
import dev.funnelsql.calcite.model.FunnelConfig;
import dev.funnelsql.calcite.model.Located;
import dev.funnelsql.calcite.model.Model;
import dev.funnelsql.calcite.model.ModelException;
import dev.funnelsql.calcite.model.ModelNode;
import dev.funnelsql.calcite.model.PathConfig;
import dev.funnelsql.calcite.model.SegmentationConfig;
import dev.funnelsql.calcite.model.SessionConfig;
import dev.funnelsql.calcite.path.PathDefinition;
import dev.funnelsql.calcite.path.PathsSchema;
import dev.funnelsql.calcite.schema.DerivedSession;
import dev.funnelsql.calcite.schema.EventsSource;
import dev.funnelsql.calcite.schema.SourceTables;
import dev.funnelsql.calcite.schema.SqlText;
import dev.funnelsql.calcite.segment.MembershipCache;
import dev.funnelsql.calcite.segment.SegmentKinds;
import dev.funnelsql.calcite.segment.Segmentation;
import dev.funnelsql.calcite.segment.SegmentationCheck;
import dev.funnelsql.calcite.segment.SegmentsSchema;
import dev.funnelsql.calcite.store.StoreCapabilities;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.calcite.adapter.jdbc.JdbcSchema;
import org.apache.calcite.jdbc.JavaTypeFactoryImpl;
import org.apache.calcite.jdbc.CalciteSchema;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.schema.Table;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Turns a model into catalog entries: the {@code funnels} and {@code segments} schemas of virtual tables beside the
 * event store's own schema. Names and columns are checked against the store, each reported at its model line.
 */
public final class ModelCatalog {
  private static final java.util.logging.Logger HEALTH =
      java.util.logging.Logger.getLogger(SegmentationCheck.class.getName());

  private final Model model;
  private final EventsSource events;
  private final List<Segmentation> segmentations;
  private final List<FunnelDefinition> funnels;
  private final List<CohortDefinition> cohorts = new ArrayList<>();
  private final List<PathDefinition> paths = new ArrayList<>();

  private final List<ExpressionCheck> checks;

  private ModelCatalog(Model model, EventsSource events, List<Segmentation> segmentations,
      List<FunnelDefinition> funnels, List<ExpressionCheck> checks) {
    this.model = model;
    this.events = events;
    this.segmentations = segmentations;
    this.funnels = funnels;
    this.checks = checks;
  }

  /** What the store of a schema computes itself (see StoreCapabilities); none if it is not a JDBC store. */
  private static StoreCapabilities capabilities(SchemaPlus root, String sourceSchema) {
    final @Nullable SchemaPlus schema = root.subSchemas().get(sourceSchema);
    final @Nullable JdbcSchema store;
    try {
      store = schema == null ? null : schema.unwrap(JdbcSchema.class);
    } catch (ClassCastException e) {
      return StoreCapabilities.NONE;
    }
    return store == null ? StoreCapabilities.NONE : StoreCapabilities.of(store.dialect);
  }

  /** Reads a model against the catalog whose event store schema is {@code sourceSchema}. */
  public static ModelCatalog of(Model model, SchemaPlus root, String sourceSchema) throws ModelException {
    final EventsConfig config = model.events();
    final @Nullable Table table = SourceTables.find(root, sourceSchema, config.table().text());
    if (table == null) {
      throw config.table().error("the event store has no table '" + config.table().text() + "' in schema '"
          + sourceSchema + "'");
    }
    final JavaTypeFactoryImpl typeFactory = new JavaTypeFactoryImpl();
    for (Located column : List.of(config.user(), config.time(), config.event())) {
      if (SourceTables.columnType(table, column.text(), typeFactory) == null) {
        throw column.error("the events table has no column '" + column.text() + "'");
      }
    }
    final @Nullable SessionConfig session = config.session();
    if (session != null && SourceTables.columnType(table, session.column().text(), typeFactory) != null) {
      throw session.column().error("the events table already has a column '" + session.column().text() + "'; name "
          + "the derived session column otherwise (session: { gap: …, column: visit }), or count per the table's own "
          + "column (per: " + session.column().text() + ") without session:");
    }
    final StoreCapabilities store = capabilities(root, sourceSchema);
    final EventsSource events = new EventsSource(root, sourceSchema, config.table().text(), config.user().text(),
        config.time().text(), config.event().text(), model.calendar(),
        session == null ? null : new DerivedSession(session.column().text(), session.gapSeconds()),
        store.groupKeysInWindows());
    final SegmentKinds kinds = SegmentKinds.discover();
    final List<ExpressionCheck> checks = new ArrayList<>();
    final List<Segmentation> segmentations = new ArrayList<>();
    for (SegmentationConfig segmentation : model.segmentations().values()) {
      final Segmentation defined = kinds.define(segmentation, model);
      segmentations.add(defined);
      defined.expressionChecks(events.relation(null)).forEach((node, sql) ->
          checks.add(new ExpressionCheck(node, "rule", sql)));
      checks.add(new ExpressionCheck(segmentation.where(), "segmentation '" + segmentation.name() + "'",
          "SELECT COUNT(*) FROM (" + defined.membershipSql(events.relation(null)) + ") AS m"));
      if (defined.tippingPoint() != null) {
        // Preparing the table checks the tipping point's own conditions when the connection opens.
        checks.add(new ExpressionCheck(segmentation.options().find("tipping_point") != null
            ? segmentation.options().find("tipping_point") : segmentation.where(), "tipping_point",
            "SELECT COUNT(*) FROM " + SqlText.identifier(SegmentsSchema.NAME) + "."
                + SqlText.identifier(segmentation.name() + "_tipping_points")));
      }
    }
    final List<FunnelDefinition> funnels = new ArrayList<>();
    for (FunnelConfig funnel : model.funnels().values()) {
      final boolean perSession = funnel.per() != null && config.isSession(funnel.per());
      if (funnel.per() != null && !perSession && SourceTables.columnType(table, funnel.per().text(), typeFactory)
          == null) {
        throw funnel.per().error("the events table has no column '" + funnel.per().text() + "' to count the funnel "
            + "per" + (funnel.per().text().strip().equalsIgnoreCase(SessionConfig.PER) ? "; to count the sessions "
            + "FunnelSQL derives, add session: { gap: 30m } to events: (the longest time between two events of one "
            + "session)" : ""));
      }
      for (Located breakdown : funnel.breakdowns()) {
        if (!model.segmentations().containsKey(breakdown.text()) && !model.cohorts().containsKey(breakdown.text())
            && !events.hasColumn(breakdown.text())) {
          throw breakdown.error("breakdown " + breakdown.where().quoted() + " is neither a segmentation of this "
              + "model (" + (model.segmentations().isEmpty() ? "it defines none"
              : "segmentations: " + String.join(", ", model.segmentations().keySet()))
              + "), a cohort, nor a column of the events table");
        }
      }
      checkTakenAtEntry(funnel, segmentations, events);
      for (Located driver : funnel.drivers()) {
        if (!events.hasColumn(driver.text())) {
          throw driver.error("the events table has no column '" + driver.text() + "' to weigh as a driver");
        }
      }
      final FunnelDefinition definition = FunnelDefinition.of(funnel, model.calendar(), perSession);
      funnels.add(definition);
      for (int i = 0; i < funnel.steps().size(); i++) {
        checks.add(new ExpressionCheck(funnel.steps().get(i).when().where(), "step condition",
            ExpressionCheck.rowCondition(definition.conditions().get(i), events.relation(null).from())));
      }
      checks.add(new ExpressionCheck(funnel.modeNode() != null ? funnel.modeNode() : funnel.where(), "funnel mode",
          "SELECT FUNNEL_STEP(" + events.relation(null).time() + ", 0, " + definition.modeArgument() + "TRUE) FROM "
              + events.relation(null).from()));
    }
    final ModelCatalog catalog = new ModelCatalog(model, events, segmentations, funnels, checks);
    final Map<String, Segmentation> byName = new java.util.LinkedHashMap<>();
    segmentations.forEach(segmentation -> byName.put(segmentation.name(), segmentation));
    for (CohortConfig cohort : model.cohorts().values()) {
      final CohortDefinition definition = CohortDefinition.of(cohort, events, model, byName);
      catalog.cohorts.add(definition);
      checks.add(new ExpressionCheck(cohort.entry().where(), "cohort entry condition",
          ExpressionCheck.rowCondition(definition.entry(), events.relation(null).from())));
      checks.add(new ExpressionCheck(cohort.returning().where(), "cohort return condition",
          ExpressionCheck.rowCondition(definition.returning(), events.relation(null).from())));
      checks.add(new ExpressionCheck(cohort.where(), "cohort", "SELECT COUNT(*) FROM "
          + SqlText.identifier(CohortsSchema.NAME) + "."
          + SqlText.identifier(cohort.name() + "_matrix")));
    }
    for (PathConfig path : model.paths().values()) {
      final PathDefinition definition = PathDefinition.of(path, events.relation(null), store.pathWindows());
      catalog.paths.add(definition);
      final String from = events.relation(null).from();
      if (definition.start() != null) {
        checks.add(new ExpressionCheck(path.start().where(), "path start condition",
            ExpressionCheck.rowCondition(definition.start(), from)));
      }
      if (definition.end() != null) {
        checks.add(new ExpressionCheck(path.end().where(), "path end condition",
            ExpressionCheck.rowCondition(definition.end(), from)));
      }
      checks.add(new ExpressionCheck(path.node() != null ? path.node().where() : path.where(), "path node",
          "SELECT CAST(" + definition.node() + " AS VARCHAR) FROM " + from));
    }
    return catalog;
  }

  /**
   * A funnel that says {@code as_of: entry} must be able to take each of its segmentation breakdowns at an instant;
   * without the key, those it cannot are taken now (the README lists which kinds are which).
   */
  private static void checkTakenAtEntry(FunnelConfig funnel, List<Segmentation> segmentations, EventsSource events)
      throws ModelException {
    final @Nullable ModelNode asOf = funnel.where().find("as_of");
    if (asOf == null || funnel.asOf() != BreakdownTime.ENTRY) {
      return;
    }
    for (Located breakdown : funnel.breakdowns()) {
      for (Segmentation segmentation : segmentations) {
        if (segmentation.name().equals(breakdown.text())
            && segmentation.spansSql(events.relation(null), "TRUE") == null) {
          throw asOf.error("entry takes each breakdown at the user's entry, but segmentation '"
              + segmentation.name() + "' (line " + breakdown.where().line() + ") depends on more than the user's "
              + "own events up to then (other users, the calendar, or an aggregate without running totals); write "
              + "as_of: now, or leave as_of out to take such breakdowns now");
        }
      }
    }
  }

  /**
   * Prepares, through the connection, the logical plan of one statement per model expression, so that an unknown
   * column, a condition that is not boolean or a rule that is not an aggregate is reported at its model line when the
   * connection opens.
   */
  public void validate(java.sql.Connection connection) throws ModelException {
    for (ExpressionCheck check : checks) {
      check.run(connection);
    }
  }

  /**
   * Runs each segmentation's {@link SegmentationCheck} through the connection (one store query each) and logs its
   * warnings at the segmentation's model line, through {@code java.util.logging} (logger
   * {@code dev.funnelsql.calcite.segment.SegmentationCheck}, level WARNING), within about {@code budget} in all: a
   * check that would run past it is stopped (its query timed out, which takes the connection's statement timeouts)
   * or not begun, and logged at INFO as not checked, with the table that gives it. A check that fails otherwise is
   * logged at FINE and skipped: the health report never stops a connection.
   */
  public void logSegmentationHealth(java.sql.Connection connection, Duration budget) {
    final long deadline = System.nanoTime() + budget.toNanos();
    for (Segmentation segmentation : segmentations) {
      final SegmentationConfig config = model.segmentations().get(segmentation.name());
      final String where = config.where().file() + ":" + config.where().keyLine() + ": segmentation '"
          + segmentation.name() + "': ";
      final String notChecked = where + "not checked as the connection opened (its checks have "
          + budget.toSeconds() + " s in all); SELECT * FROM segments." + segmentation.name() + "_check gives it";
      final long left = deadline - System.nanoTime();
      if (left <= 0) {
        HEALTH.info(notChecked);
        continue;
      }
      try {
        final int seconds = (int) Math.max(1, TimeUnit.NANOSECONDS.toSeconds(left));
        SegmentationCheck.warnings(new SegmentationCheck(segmentation, events.relation(null))
            .run(connection, seconds)).forEach(warning -> HEALTH.warning(where + warning));
      } catch (java.sql.SQLException | RuntimeException e) {
        if (e instanceof java.sql.SQLTimeoutException
            || e instanceof java.sql.SQLException && "57014".equals(((java.sql.SQLException) e).getSQLState())) {
          HEALTH.info(notChecked);
        } else {
          HEALTH.fine(where + "not checked: " + e.getMessage());
        }
      }
    }
  }

  /** Adds the {@code segments}, {@code funnels}, {@code cohorts} and {@code paths} schemas to the root schema. */
  public void install(SchemaPlus root, MembershipCache cache) {
    CalendarZone.register(root.unwrap(CalciteSchema.class), model.calendar());
    root.add(SegmentsSchema.NAME, new SegmentsSchema(events, segmentations, cache));
    final List<Segmentation> breakdowns = new ArrayList<>(segmentations);
    cohorts.forEach(cohort -> breakdowns.add(new CohortPeriods(cohort)));
    root.add(FunnelsSchema.NAME, new FunnelsSchema(events, funnels, segmentations, breakdowns));
    root.add(CohortsSchema.NAME, new CohortsSchema(events, cohorts));
    root.add(PathsSchema.NAME, new PathsSchema(paths));
  }

  /** The model this catalog was built from. */
  public Model model() {
    return model;
  }

  /** The events table. */
  public EventsSource events() {
    return events;
  }
}
