package dev.funnelsql.calcite.segment;

import dev.funnelsql.calcite.model.Model;
import dev.funnelsql.calcite.model.ModelException;
import dev.funnelsql.calcite.model.SegmentationConfig;

/**
 * A kind of segmentation ({@code rules}, {@code property}, …), the extension point through which a team adds its
 * own: implement this interface, list the class in {@code META-INF/services/dev.funnelsql.calcite.segment.SegmentKind}
 * of a jar, and put the jar on the classpath; a model then names it with {@code kind: <name>}. The built-in kinds
 * are registered the same way.
 */
public interface SegmentKind {
  /** The name a model uses in {@code kind:}. */
  String name();

  /**
   * Reads a segmentation of this kind from its model entry.
   *
   * @param config the segmentation's entry; its {@code options()} node holds the kind's own keys
   * @param model the whole model, for kinds that refer to other entries (e.g. a funnel)
   * @throws ModelException if an option is missing or wrong, naming the model line
   */
  Segmentation define(SegmentationConfig config, Model model) throws ModelException;
}
