package dev.funnelsql.calcite.stepscan;

/**
 * What a planned step scan computes, as a value: two scans of one plan with equal plans compute the same rows, so
 * {@link UseStepScan} lets them share one result per execution.
 *
 * @param query the store's queries
 * @param layout the columns of their rows
 * @param functions the functions computed from the rows and their mask bits
 */
record StepScanPlan(StoreQuery query, RowLayout layout, FunctionBits functions) {
}
