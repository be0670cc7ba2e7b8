package dev.funnelsql.calcite.path;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.calcite.schema.Table;
import org.apache.calcite.schema.impl.AbstractSchema;

/**
 * The {@code paths} schema: for each path of the model, {@code <name>}, the edges of where users went after its start
 * (or came from before its end), one row per edge, as Metabase's and Superset's Sankey charts take them.
 */
public final class PathsSchema extends AbstractSchema {
  /** The schema's name in the catalog. */
  public static final String NAME = "paths";

  private final Map<String, Table> tables = new LinkedHashMap<>();

  /** Creates the schema of the paths, in model order. */
  public PathsSchema(List<PathDefinition> paths) {
    paths.forEach(path -> tables.put(path.name(), new PathTable(path)));
  }

  @Override protected Map<String, Table> getTableMap() {
    return tables;
  }
}
