/** Runners that drive the PostgreSQL wire server as a separate process with real clients (pgbench). */
package dev.funnelsql.examples.wire;
