package dev.funnelsql.calcite.segment;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.DataContext;
import org.apache.calcite.adapter.enumerable.CallImplementor;
import org.apache.calcite.adapter.enumerable.RexImpTable.NullAs;
import org.apache.calcite.jdbc.CalciteSchema;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.linq4j.tree.Expressions;
import org.apache.calcite.linq4j.tree.Primitive;
import org.apache.calcite.prepare.CalciteCatalogReader;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.runtime.CalciteContextException;
import org.apache.calcite.schema.FunctionParameter;
import org.apache.calcite.schema.ImplementableFunction;
import org.apache.calcite.schema.ScalarFunction;
import org.apache.calcite.sql.SqlCallBinding;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperandCountRange;
import org.apache.calcite.sql.SqlUtil;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.InferTypes;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.sql.type.SqlOperandCountRanges;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeTransforms;
import org.apache.calcite.sql.type.SqlTypeUtil;
import org.apache.calcite.sql.validate.SqlUserDefinedFunction;
import org.checkerframework.checker.nullness.qual.Nullable;
import dev.funnelsql.calcite.function.FunctionErrors;

/**
 * {@code SEGMENT_OF('<segmentation>', user_id [, as_of])}: the name of the segment the user is in, in a segmentation
 * of the connection's model, as of now or of the given time; usable anywhere a scalar is (SELECT, WHERE, GROUP BY).
 */
public final class SegmentOfFunction extends SqlUserDefinedFunction {
  /** The singleton. */
  public static final SegmentOfFunction INSTANCE = new SegmentOfFunction();

  private SegmentOfFunction() {
    super(new SqlIdentifier("SEGMENT_OF", SqlParserPos.ZERO), SqlKind.OTHER_FUNCTION,
        ReturnTypes.VARCHAR.andThen(SqlTypeTransforms.FORCE_NULLABLE), InferTypes.RETURN_TYPE, null,
        new Implementation());
  }

  @Override public SqlOperandCountRange getOperandCountRange() {
    return SqlOperandCountRanges.between(2, 3);
  }

  @Override public String getAllowedSignatures(String opNameToUse) {
    return "SEGMENT_OF('<segmentation>', <user id>[, <as of TIMESTAMP>])";
  }

  @Override public boolean isDeterministic() {
    return false;
  }

  @Override public boolean checkOperandTypes(SqlCallBinding binding, boolean throwOnFailure) {
    final SqlNode name = binding.operand(0);
    if (!(name instanceof SqlLiteral) || !SqlTypeUtil.inCharFamily(binding.getOperandType(0))) {
      throw error(name, "the segmentation (argument 1) must be a string literal naming a segmentation of the model");
    }
    final String segmentation = ((SqlLiteral) name).getValueAs(String.class);
    final @Nullable SegmentsSchema schema = segmentsSchema(binding);
    if (schema == null) {
      throw error(name, "this connection has no model, so no segmentations; connect with model=<file.yaml>");
    }
    if (schema.segmentation(segmentation) == null) {
      throw error(name, "the model has no segmentation '" + segmentation + "'; it has "
          + String.join(", ", schema.segmentationNames()));
    }
    if (binding.getOperandCount() == 3) {
      final SqlTypeName type = binding.getOperandType(2).getSqlTypeName();
      if (type != SqlTypeName.TIMESTAMP && type != SqlTypeName.DATE) {
        throw error(binding.operand(2), "as_of (argument 3) must be a TIMESTAMP or DATE, got " + type);
      }
    }
    return true;
  }

  private static CalciteContextException error(SqlNode node, String message) {
    return SqlUtil.newContextException(node.getParserPosition(),
        FunctionErrors.INSTANCE.invalidArgument("SEGMENT_OF: " + message));
  }

  private static @Nullable SegmentsSchema segmentsSchema(SqlCallBinding binding) {
    if (!(binding.getValidator().getCatalogReader() instanceof CalciteCatalogReader)) {
      return null;
    }
    final CalciteSchema root = ((CalciteCatalogReader) binding.getValidator().getCatalogReader()).getRootSchema();
    final @Nullable CalciteSchema segments = root.getSubSchema(SegmentsSchema.NAME, false);
    return segments != null && segments.schema instanceof SegmentsSchema ? (SegmentsSchema) segments.schema : null;
  }

  /** Generates {@code SegmentsSchema.segmentOf(root, name, user, asOf)} for each call. */
  private static final class Implementation implements ScalarFunction, ImplementableFunction {
    @Override public CallImplementor getImplementor() {
      return (translator, call, nullAs) -> {
        // Inside a Calc the operands are local references, so even the (validated, constant) name is translated.
        final List<RexNode> operands = call.getOperands();
        final List<Expression> translated = translator.translateList(new ArrayList<>(operands), NullAs.NULL);
        final Expression segmentation = Expressions.convert_(translated.get(0), String.class);
        final Expression user = box(translated.get(1));
        final Expression asOf = translated.size() > 2 ? box(translated.get(2)) : Expressions.constant(null);
        final long asOfScale = operands.size() > 2
            && operands.get(2).getType().getSqlTypeName() == SqlTypeName.DATE ? 86_400_000L : 1L;
        final Expression result = Expressions.call(SegmentsSchema.class, "segmentOf", DataContext.ROOT,
            segmentation, user, asOf, Expressions.constant(asOfScale));
        return nullAs.handle(result);
      };
    }

    private static Expression box(Expression expression) {
      return Primitive.is(expression.getType()) ? Expressions.box(expression) : expression;
    }

    @Override public RelDataType getReturnType(RelDataTypeFactory typeFactory) {
      return typeFactory.createTypeWithNullability(typeFactory.createSqlType(SqlTypeName.VARCHAR), true);
    }

    @Override public List<FunctionParameter> getParameters() {
      return List.of();
    }
  }
}
