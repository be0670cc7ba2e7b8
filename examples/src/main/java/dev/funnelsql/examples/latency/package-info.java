/** What a dashboard pays per query: the overhead of FunnelSQL's planning on small queries over virtual tables. */
package dev.funnelsql.examples.latency;
