package dev.funnelsql.calcite.segment;

import dev.funnelsql.calcite.model.Model;
import dev.funnelsql.calcite.model.ModelException;
import dev.funnelsql.calcite.model.SegmentationConfig;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * The segment kinds available: every {@link SegmentKind} found by {@link ServiceLoader} on the classpath, built-in
 * ones included; a built-in kind keeps its name if a third-party kind claims it too.
 */
public final class SegmentKinds {
  private final Map<String, SegmentKind> kinds;

  private SegmentKinds(Map<String, SegmentKind> kinds) {
    this.kinds = kinds;
  }

  /** Discovers the kinds with the class loader that loaded FunnelSQL. */
  public static SegmentKinds discover() {
    final Map<String, SegmentKind> kinds = new LinkedHashMap<>();
    for (SegmentKind kind : ServiceLoader.load(SegmentKind.class, SegmentKind.class.getClassLoader())) {
      final String name = kind.name().toLowerCase(Locale.ROOT);
      final boolean builtIn = kind.getClass().getPackageName().equals(SegmentKind.class.getPackageName());
      if (builtIn || !kinds.containsKey(name)) {
        kinds.put(name, kind);
      }
    }
    return new SegmentKinds(kinds);
  }

  /** Builds a segmentation with its kind, or reports an unknown kind at its line. */
  public Segmentation define(SegmentationConfig config, Model model) throws ModelException {
    final SegmentKind kind = kinds.get(config.kind().toLowerCase(Locale.ROOT));
    if (kind == null) {
      throw config.where().error("unknown segmentation kind '" + config.kind() + "'; known kinds are "
          + String.join(", ", kinds.keySet()) + " (add one with a jar that provides "
          + SegmentKind.class.getName() + ")");
    }
    return kind.define(config, model);
  }
}
