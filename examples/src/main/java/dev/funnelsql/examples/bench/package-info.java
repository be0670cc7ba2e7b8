/**
 * The benchmark of issue 4: one run times a 4-step, 7-day funnel through {@code jdbc:funnelsql:} against the best
 * hand-written SQL and the bare fetch of the step rows, on the same generated data in DuckDB, H2 and an embedded
 * PostgreSQL, and writes a markdown report. Entry point: {@link dev.funnelsql.examples.bench.BenchMain}.
 */
package dev.funnelsql.examples.bench;
