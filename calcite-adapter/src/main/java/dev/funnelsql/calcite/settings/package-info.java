/**
 * The spellings FunnelSQL's connection properties share (sizes, durations) and their parsing, with the same errors
 * for every property.
 */
package dev.funnelsql.calcite.settings;
