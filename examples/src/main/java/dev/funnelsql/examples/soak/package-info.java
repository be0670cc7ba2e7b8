/** A soak run: FunnelSQL under steady load for minutes, reporting throughput and heap over time. */
package dev.funnelsql.examples.soak;
