package dev.funnelsql.calcite.segment;

import java.util.List;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Base of a {@link Segmentation} holding what every kind shares — its name, segment list, exhaustiveness, period
 * and tipping-point analysis — so a kind (built-in or third-party) only writes its SQL.
 */
public abstract class SegmentationBase implements Segmentation {
  private final String name;
  private final List<String> segments;
  private final boolean exhaustive;
  private final String period;
  private final @Nullable TippingPoint tippingPoint;

  /** Creates a segmentation with those shared properties. */
  protected SegmentationBase(String name, List<String> segments, boolean exhaustive, String period,
      @Nullable TippingPoint tippingPoint) {
    this.name = name;
    this.segments = List.copyOf(segments);
    this.exhaustive = exhaustive;
    this.period = period;
    this.tippingPoint = tippingPoint;
  }

  @Override public final String name() {
    return name;
  }

  @Override public final List<String> segments() {
    return segments;
  }

  @Override public final boolean exhaustive() {
    return exhaustive;
  }

  @Override public final String period() {
    return period;
  }

  @Override public final @Nullable TippingPoint tippingPoint() {
    return tippingPoint;
  }
}
