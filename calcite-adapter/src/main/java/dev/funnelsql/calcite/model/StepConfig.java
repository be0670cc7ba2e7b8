package dev.funnelsql.calcite.model;

/**
 * One step of a funnel: its display name (data, any characters) and the SQL condition an event must meet.
 *
 * @param name the step's name, unique within its funnel
 * @param when the SQL boolean expression over an event row
 */
public record StepConfig(String name, Located when) {
}
