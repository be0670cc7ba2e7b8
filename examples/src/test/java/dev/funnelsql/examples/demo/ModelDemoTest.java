package dev.funnelsql.examples.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the demo's model part ({@link ModelDemo}) on a small generated store and checks the segmented funnel against
 * the plain {@code FUNNEL_STEP} query of {@link DemoQueries}.
 */
class ModelDemoTest {

  @TempDir
  static Path dir;

  private static DemoOptions options;
  private static Path shopModel;
  private static Path saasModel;

  @BeforeAll
  static void generate() throws Exception {
    options = DemoOptions.defaults().withUsers(1_500).withDays(45).withDb(dir.resolve("shop"));
    new ShopDataGenerator(options, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8))
        .generateOrReuse();
    shopModel = ModelDemo.writeModel(ModelDemo.SHOP_MODEL, dir, options.jdbcUrl());
    saasModel = ModelDemo.writeModel(ModelDemo.SAAS_MODEL, dir, options.jdbcUrl());
  }

  @Test
  void writtenModelsNameTheStore() throws Exception {
    for (Path model : new Path[] {shopModel, saasModel}) {
      String text = Files.readString(model);
      assertFalse(text.contains(ModelDemo.URL_PLACEHOLDER), model.toString());
      assertTrue(text.contains("url: \"" + options.jdbcUrl() + "\""), text);
    }
  }

  @Test
  void demoRunsWithoutFailures() throws Exception {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    int failures = ModelDemo.run(shopModel, saasModel, new PrintStream(buffer, true, StandardCharsets.UTF_8));
    String output = buffer.toString(StandardCharsets.UTF_8);
    assertEquals(0, failures, output);
    assertTrue(output.contains("== " + ModelDemo.SEGMENTED_FUNNEL.title()), output);
    assertTrue(output.contains("== " + ModelDemo.ENGAGEMENT_SIZES.title()), output);
    assertTrue(output.contains("== " + ModelDemo.CHURN_SIZES.title()), output);
  }

  @Test
  void segmentedFunnelStartsWithTheUsersFunnelStepCounts() throws Exception {
    long plainStep1;
    try (Connection c = DriverManager.getConnection(DemoMain.funnelSqlUrl(options));
         Statement s = c.createStatement();
         ResultSet rs = s.executeQuery(DemoQueries.CHECKOUT_FUNNEL.sql())) {
      assertTrue(rs.next());
      assertEquals(1, rs.getInt("step"));
      plainStep1 = rs.getLong("users");
    }
    assertTrue(plainStep1 > 0);
    try (Connection c = DriverManager.getConnection(ModelDemo.modelUrl(shopModel))) {
      assertEquals(plainStep1, single(c, "SELECT users FROM funnels.checkout_summary "
          + "WHERE breakdown IS NULL AND step = 1"), "overall step 1");
      assertEquals(plainStep1, single(c, "SELECT SUM(users) FROM funnels.checkout_summary "
          + "WHERE breakdown = 'source' AND step = 1"), "step 1 summed over the sources");
      long rows = 0;
      try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(ModelDemo.SEGMENTED_FUNNEL.sql())) {
        while (rs.next()) {
          rows++;
        }
      }
      assertEquals(4 * single(c, "SELECT COUNT(DISTINCT segment) FROM segments.source"), rows,
          "four steps per source");
      assertEquals(single(c, "SELECT COUNT(DISTINCT user_id) FROM events"),
          single(c, "SELECT SUM(users) FROM segments.churn_sizes"), "churn_risk puts every user somewhere");
    }
  }

  private static long single(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      assertTrue(rs.next(), sql);
      long value = rs.getLong(1);
      assertFalse(rs.next(), sql);
      return value;
    }
  }
}
