/**
 * A third-party segment kind shipped the way a team would ship one: a class implementing
 * {@link dev.funnelsql.calcite.segment.SegmentKind} plus its {@code META-INF/services} entry, nothing else.
 */
package dev.funnelsql.examples.churn;
