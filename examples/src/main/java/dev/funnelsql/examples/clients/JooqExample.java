package dev.funnelsql.examples.clients;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Record2;
import org.jooq.Result;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/**
 * jOOQ over FunnelSQL: a model's funnel summary table queried with jOOQ's DSL and with plain SQL, like any other
 * table. Run with a model URL: {@code JooqExample "jdbc:funnelsql:model=shop.yaml" checkout}.
 */
public final class JooqExample {
  private JooqExample() {
  }

  /** Prints the overall funnel and its step 2, through the DSL and through plain SQL. */
  public static void run(Connection connection, String funnel, PrintStream out) {
    final DSLContext sql = DSL.using(connection, SQLDialect.DEFAULT);
    final Field<String> label = DSL.field(DSL.name("step_label"), String.class);
    final Field<Long> users = DSL.field(DSL.name("users"), Long.class);
    final Result<Record2<String, Long>> steps = sql.select(label, users)
        .from(DSL.table(DSL.name("funnels", funnel + "_summary")))
        .where(DSL.field(DSL.name("breakdown")).isNull())
        .orderBy(DSL.field(DSL.name("step")))
        .fetch();
    steps.forEach(step -> out.println(step.value1() + "\t" + step.value2()));
    final Result<Record> second = sql.fetch("SELECT step_label, users, conversion_from_previous FROM "
        + "funnels." + funnel + "_summary WHERE breakdown IS NULL AND step = ?", 2);
    second.forEach(step -> out.println("step 2 converts " + step.get("conversion_from_previous") + " of step 1"));
  }

  /** Runs the example: {@code args[0]} a {@code jdbc:funnelsql:model=…} URL, {@code args[1]} a funnel name. */
  public static void main(String[] args) throws SQLException {
    try (Connection connection = DriverManager.getConnection(args[0])) {
      run(connection, args.length > 1 ? args[1] : "checkout", new PrintStream(System.out, true,
          StandardCharsets.UTF_8));
    }
  }
}
