/**
 * Grouping the rows a behavioural aggregate needs — (group, time, condition mask) — in compact primitive arrays:
 * dense group ids for the keys, a buffer of packed rows, and a bucket sort by group then time, so that every
 * group's rows can be fed in time order to a streaming evaluator without a list per group.
 */
package dev.funnelsql.functions.grouping;
