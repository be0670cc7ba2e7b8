/**
 * What {@link java.sql.DatabaseMetaData} tells BI tools about FunnelSQL's catalog: tables with a standard table
 * type, columns with plain type names, sizes and nullability, and the functions with a line of documentation each.
 */
package dev.funnelsql.jdbc.catalog;
