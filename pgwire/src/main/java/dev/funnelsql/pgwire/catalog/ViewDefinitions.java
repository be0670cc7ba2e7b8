package dev.funnelsql.pgwire.catalog;

import dev.funnelsql.pgwire.catalog.PgCatalog.Relation;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * What {@code pg_get_viewdef} says for a FunnelSQL view: its definition lives in the model, not in SQL a client
 * could run elsewhere, so the answer is a query over the view that names where it comes from.
 */
final class ViewDefinitions {
  private ViewDefinitions() {
  }

  static @Nullable String of(Relation relation) {
    if (relation.kind() != 'v') {
      return null;
    }
    return " SELECT * FROM " + relation.namespace().name() + "." + relation.name()
        + "; -- computed by FunnelSQL from the model";
  }
}
