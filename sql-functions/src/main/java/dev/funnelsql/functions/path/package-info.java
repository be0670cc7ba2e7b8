/**
 * Sankey "paths": where owners (users) go after a start event or came from before an end event, as a table of
 * edges between depth-labelled nodes, parameterised by {@link dev.funnelsql.functions.path.PathSpec} and computed
 * owner by owner by {@link dev.funnelsql.functions.path.PathAccumulator}.
 */
package dev.funnelsql.functions.path;
