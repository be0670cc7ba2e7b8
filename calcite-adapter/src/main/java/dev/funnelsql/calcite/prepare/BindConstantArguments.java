package dev.funnelsql.calcite.prepare;

import dev.funnelsql.calcite.function.BehaviouralAggFunction;
import dev.funnelsql.calcite.function.BoundAggFunction;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.calcite.plan.RelOptLattice;
import org.apache.calcite.plan.RelOptMaterialization;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelOptPredicateList;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelHomogeneousShuttle;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Aggregate;
import org.apache.calcite.rel.core.AggregateCall;
import org.apache.calcite.rel.core.Project;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.tools.Program;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Planning step that replaces each behavioural aggregate call by its {@link BoundAggFunction}: the values of the
 * constant arguments (window, mode, pattern) move into the operator and the arguments are dropped, so they are
 * never projected by — or pushed down to — the event store. (Left in the plan, Calcite pushes the window into the
 * store's SELECT list as a projected constant, and H2 returns an INTERVAL literal read back in the wrong unit.)
 */
final class BindConstantArguments implements Program {
  @Override public RelNode run(RelOptPlanner planner, RelNode rel, RelTraitSet requiredOutputTraits,
      List<RelOptMaterialization> materializations, List<RelOptLattice> lattices) {
    return rel.accept(new RelHomogeneousShuttle() {
      @Override public RelNode visit(RelNode other) {
        final RelNode visited = super.visit(other);
        return visited instanceof Aggregate ? bind((Aggregate) visited) : visited;
      }
    });
  }

  private static RelNode bind(Aggregate aggregate) {
    boolean changed = false;
    final List<AggregateCall> calls = new ArrayList<>();
    for (AggregateCall call : aggregate.getAggCallList()) {
      if (BehaviouralAggFunction.isUnbound(call.getAggregation())) {
        calls.add(bind(aggregate, call));
        changed = true;
      } else {
        calls.add(call);
      }
    }
    if (!changed) {
      return aggregate;
    }
    return aggregate.copy(aggregate.getTraitSet(), aggregate.getInput(), aggregate.getGroupSet(),
        aggregate.getGroupSets(), calls);
  }

  private static AggregateCall bind(Aggregate aggregate, AggregateCall call) {
    final BehaviouralAggFunction function = (BehaviouralAggFunction) call.getAggregation();
    final RelNode input = aggregate.getInput();
    final List<RelDataType> types = new ArrayList<>();
    for (int arg : call.getArgList()) {
      types.add(input.getRowType().getFieldList().get(arg).getType());
    }
    final List<Integer> constantPositions = function.constantOperands(types);
    final List<RexLiteral> constants = new ArrayList<>();
    final List<Integer> args = new ArrayList<>();
    for (int i = 0; i < call.getArgList().size(); i++) {
      final int field = call.getArgList().get(i);
      if (constantPositions.contains(i)) {
        constants.add(constant(input, field, function.getName(), i));
      } else {
        args.add(field);
      }
    }
    final BoundAggFunction bound = function.bind(types, constants, call.getType());
    return AggregateCall.create(call.getParserPosition(), bound, call.isDistinct(), call.isApproximate(),
        call.ignoreNulls(), call.rexList, args, call.filterArg, call.distinctKeys, call.collation, call.getType(),
        call.getName());
  }

  private static RexLiteral constant(RelNode input, int field, String function, int argument) {
    @Nullable RexNode expression = null;
    if (input instanceof Project) {
      expression = ((Project) input).getProjects().get(field);
    } else {
      final RelOptPredicateList predicates = input.getCluster().getMetadataQuery().getPulledUpPredicates(input);
      for (Map.Entry<RexNode, RexNode> entry : predicates.constantMap.entrySet()) {
        if (entry.getKey() instanceof RexInputRef && ((RexInputRef) entry.getKey()).getIndex() == field) {
          expression = entry.getValue();
        }
      }
    }
    while (expression != null && expression.getKind() == SqlKind.CAST) {
      expression = ((RexCall) expression).getOperands().get(0);
    }
    if (expression instanceof RexLiteral) {
      return (RexLiteral) expression;
    }
    throw new IllegalStateException(function + ": argument " + (argument + 1) + " must be a constant");
  }

}
