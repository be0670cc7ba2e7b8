/**
 * RETENTION(cond1, ..., condN): the order-free ClickHouse-style retention vector, as a plain-Java accumulator.
 */
package dev.funnelsql.functions.retention;
