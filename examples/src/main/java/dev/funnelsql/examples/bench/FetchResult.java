package dev.funnelsql.examples.bench;

/**
 * What fetching the step rows read: the row count (the step rows in flight for any client-side method) and a
 * checksum of the values, which keeps the reads from being optimised away.
 *
 * @param rows rows read
 * @param checksum a sum over the values read
 */
record FetchResult(long rows, long checksum) {
}
