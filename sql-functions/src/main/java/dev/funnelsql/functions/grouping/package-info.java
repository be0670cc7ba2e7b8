/**
 * Grouping the rows a behavioural aggregate needs — (group, time, condition mask), and a value where a function
 * keeps one (SEQUENCE_NEXT_NODE's event column) — in compact primitive arrays: dense group ids for the keys, dense
 * ids for the values, a buffer of packed rows, and a bucket sort by group then time, so that every group's rows can
 * be fed in time order to a streaming evaluator without a list per group.
 */
package dev.funnelsql.functions.grouping;
