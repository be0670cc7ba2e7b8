package dev.funnelsql.calcite.model;

/**
 * An exclusion of a funnel: a user whose event meets {@code when} between reaching step {@code fromStep} and step
 * {@code toStep} does not progress past {@code fromStep} in that attempt.
 *
 * @param when the SQL boolean expression over an event row
 * @param fromStep 1-based step after which the exclusion starts (default 1)
 * @param toStep 1-based step before which it ends (default the last step); {@code fromStep < toStep}
 */
public record ExclusionConfig(Located when, int fromStep, int toStep) {
}
