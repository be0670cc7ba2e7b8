package dev.funnelsql.calcite.path;

import dev.funnelsql.calcite.model.ModelException;
import dev.funnelsql.calcite.model.PathConfig;
import dev.funnelsql.calcite.schema.EventsRelation;
import dev.funnelsql.calcite.schema.ModelExpressions;
import dev.funnelsql.functions.path.PathSpec;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * A model path resolved for execution: its spec and how it is computed. Where the store computes paths best in its
 * own windows, one query of them gives the edges ({@link PathWindowsSql}); elsewhere one store query gives each user's
 * events as (user, time, node, starts, ends) rows, ordered by user so that paths are built one user at a time; per
 * session, (user, session, time, node, starts, ends) rows ordered by user and session, each session a path and each
 * user counted once.
 *
 * @param name the path's name
 * @param spec the validated spec the path table runs
 * @param sql the query over the FunnelSQL catalog that reads the rows
 * @param windowsSql the query over the FunnelSQL catalog that computes the edges in the store's windows, or null
 *     where FunnelSQL computes them from the rows of {@code sql}
 * @param start the canonical start condition, or null
 * @param end the canonical end condition, or null
 * @param node the canonical node expression
 * @param perSession whether each of a user's sessions (the model's derived session) is a path of its own
 */
public record PathDefinition(String name, PathSpec spec, String sql, @Nullable String windowsSql,
    @Nullable String start, @Nullable String end, String node, boolean perSession) {
  /**
   * Resolves a model path over the events: canonical conditions and node expression, and the queries.
   *
   * @param pathWindows whether the store computes the edges in its windows ({@code StoreCapabilities#pathWindows})
   */
  public static PathDefinition of(PathConfig config, EventsRelation events, boolean pathWindows)
      throws ModelException {
    final @Nullable String start = config.start() == null ? null
        : ModelExpressions.canonical(config.start(), "the path's start condition");
    final @Nullable String end = config.end() == null ? null
        : ModelExpressions.canonical(config.end(), "the path's end condition");
    final String node = config.node() == null ? events.event()
        : ModelExpressions.canonical(config.node(), "the path's node");
    final PathSpec spec = PathSpec.of(config.steps(), config.collapse(), config.top(), start != null, end != null);
    final @Nullable String session = config.perSession() ? events.session() : null;
    if (config.perSession() && session == null) {
      throw config.per().error("per: session needs the session the model derives: add session: { gap: 30m } to "
          + "events:");
    }
    final String sql = "SELECT " + events.user() + ", " + (session == null ? "" : session + ", ") + events.time()
        + ", CAST(" + node + " AS VARCHAR), " + PathWindowsSql.flag(start) + ", " + PathWindowsSql.flag(end)
        + " FROM " + events.from() + " WHERE " + events.user() + " IS NOT NULL AND " + events.time() + " IS NOT NULL "
        + "AND " + node + " IS NOT NULL ORDER BY " + events.user() + (session == null ? "" : ", " + session);
    final @Nullable String windowsSql = pathWindows
        ? PathWindowsSql.of(spec, events, start, end, node, session != null) : null;
    return new PathDefinition(config.name(), spec, sql, windowsSql, start, end, node, session != null);
  }
}
