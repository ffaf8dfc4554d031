package dicomsql.connector.functions;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.DataContext;
import org.apache.calcite.adapter.enumerable.CallImplementor;
import org.apache.calcite.adapter.enumerable.NullPolicy;
import org.apache.calcite.adapter.enumerable.ReflectiveCallNotNullImplementor;
import org.apache.calcite.adapter.enumerable.RexImpTable;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.FunctionParameter;
import org.apache.calcite.schema.ImplementableFunction;
import org.apache.calcite.schema.ScalarFunction;
import org.apache.calcite.schema.impl.ReflectiveFunctionBase;
import org.apache.calcite.sql.type.JavaToSqlTypeConversionRules;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * A SQL function implemented by a static method whose first parameter is the query's
 * {@link DataContext}: the generated code passes its root, through which the method finds the
 * connection's schema and index. SQL sees the other parameters only. Strict: a null argument
 * gives null without calling the method.
 */
final class DicomFunction implements ScalarFunction, ImplementableFunction {
  private final Method method;
  private final List<FunctionParameter> parameters;
  private final CallImplementor implementor;

  private DicomFunction(Method method, List<String> names) {
    Class<?>[] types = method.getParameterTypes();
    if (types.length != names.size() + 1 || types[0] != DataContext.class) {
      throw new IllegalArgumentException(method + " must take a DataContext, then " + names);
    }
    this.method = method;
    ReflectiveFunctionBase.ParameterListBuilder builder = ReflectiveFunctionBase.builder();
    for (int i = 0; i < names.size(); i++) {
      builder.add(types[i + 1], names.get(i));
    }
    this.parameters = builder.build();
    ReflectiveCallNotNullImplementor call = new ReflectiveCallNotNullImplementor(method);
    this.implementor = RexImpTable.createImplementor((translator, rexCall, operands) -> {
      List<Expression> withRoot = new ArrayList<>(operands.size() + 1);
      withRoot.add(translator.getRoot());
      withRoot.addAll(operands);
      return call.implement(translator, rexCall, withRoot);
    }, NullPolicy.STRICT, false);
  }

  /** The function of the static method {@code name} of {@code owner}, its SQL parameters named. */
  static DicomFunction of(Class<?> owner, String name, String... parameterNames) {
    for (Method method : owner.getMethods()) {
      if (method.getName().equals(name)) {
        return new DicomFunction(method, List.of(parameterNames));
      }
    }
    throw new IllegalArgumentException(owner + " has no method " + name);
  }

  /** The name of the method that implements the function. */
  String methodName() {
    return method.getName();
  }

  @Override
  public List<FunctionParameter> getParameters() {
    return parameters;
  }

  @Override
  public RelDataType getReturnType(RelDataTypeFactory typeFactory) {
    SqlTypeName type = JavaToSqlTypeConversionRules.instance().lookup(method.getReturnType());
    return typeFactory.createTypeWithNullability(typeFactory.createSqlType(type), true);
  }

  @Override
  public CallImplementor getImplementor() {
    return implementor;
  }
}
