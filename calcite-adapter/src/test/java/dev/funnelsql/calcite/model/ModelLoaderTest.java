package dev.funnelsql.calcite.model;

import org.junit.jupiter.api.Test;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Loads the complete e-commerce model and checks every record it gives. */
class ModelLoaderTest {
  static final String SECRET = "hunter2-very-secret";
  static final Map<String, String> ENV = Map.of("SHOP_PASSWORD", SECRET);

  static Path shopYaml() throws URISyntaxException {
    return Path.of(ModelLoaderTest.class.getResource("/models/shop.yaml").toURI());
  }

  private static List<String> texts(List<Located> located) {
    return located.stream().map(Located::text).toList();
  }

  @Test void loadsTheShopModel() throws Exception {
    Path file = shopYaml();
    Model m = ModelLoader.load(file, ENV);
    assertEquals(file.toString(), m.file());

    SourceConfig source = m.source();
    assertEquals("jdbc:postgresql://localhost:5432/shop", source.url().text());
    assertEquals("analyst", source.user().text());
    assertEquals(SECRET, source.password().text());
    assertEquals("public", source.schema().text());
    assertEquals(5, source.password().where().line());
    assertEquals("source.password", source.password().where().path());

    EventsConfig events = m.events();
    assertEquals("public.events", events.table().text());
    assertEquals("user_id", events.user().text());
    assertEquals("occurred_at", events.time().text());
    assertEquals("event_name", events.event().text());
    assertEquals(List.of("revenue", "plan", "acquisition_source", "country"), texts(events.properties()));
    assertEquals("events.properties[3]", events.properties().get(2).where().path());

    assertEquals(List.of("checkout", "Sign-up; \"quick\""), List.copyOf(m.funnels().keySet()));
    FunnelConfig checkout = m.funnel("checkout");
    assertNotNull(checkout);
    assertEquals("checkout", checkout.name());
    assertEquals(7 * 86_400L, checkout.windowSeconds());
    assertEquals("strict_deduplication", checkout.mode());
    assertEquals(StepOrder.ORDERED, checkout.order());
    assertEquals(List.of("Viewed product", "Added to cart", "Started checkout", "Paid"),
        checkout.steps().stream().map(StepConfig::name).toList());
    StepConfig paid = checkout.steps().get(3);
    assertEquals("event_name = 'order_paid' AND revenue > 0", paid.when().text());
    assertEquals(25, paid.when().where().line());
    assertEquals(15, paid.when().where().column());
    assertEquals("funnels.checkout.steps[4].when", paid.when().where().path());
    assertEquals(List.of(new ExclusionConfig(checkout.exclusions().get(0).when(), 2, 3),
        new ExclusionConfig(checkout.exclusions().get(1).when(), 1, 4)), checkout.exclusions());
    assertEquals("event_name = 'payment_failed'", checkout.exclusions().get(1).when().text());
    assertEquals(List.of("engagement", "source"), texts(checkout.breakdowns()));
    assertEquals(List.of("checkout", "checkout_summary", "checkout_chart", "checkout_trend",
        "checkout_time_to_convert", "checkout_drivers", "checkout_paths"), checkout.tableNames());
    assertEquals(18, checkout.modeNode().line());
    assertEquals(16, checkout.where().keyLine());

    FunnelConfig signUp = m.funnel("Sign-up; \"quick\"");
    assertEquals(3600L, signUp.windowSeconds());
    assertEquals("", signUp.mode());
    assertNull(signUp.modeNode());
    assertEquals(StepOrder.STRICT, signUp.order());
    assertEquals("Opened 'sign up'", signUp.steps().get(0).name());
    assertEquals(List.of(), signUp.exclusions());
    assertEquals(List.of(), signUp.breakdowns());
    assertEquals("funnels.\"Sign-up; \\\"quick\\\"\".steps[1].when", signUp.steps().get(0).when().where().path());

    assertEquals(List.of("engagement", "source"), List.copyOf(m.segmentations().keySet()));
    SegmentationConfig engagement = m.segmentation("engagement");
    assertEquals("rules", engagement.kind());
    assertSame(engagement.where(), engagement.options());
    ModelNode rules = engagement.options().find("rules");
    assertEquals(2, rules.items().size());
    assertEquals("power", rules.items().get(0).find("segment").text());
    assertEquals("silent", engagement.options().find("otherwise").text());
    assertEquals(List.of("engagement", "engagement_sizes", "engagement_history", "engagement_trend",
        "engagement_transitions", "engagement_check", "engagement_tipping_points"), engagement.tableNames());
    SegmentationConfig bySource = m.segmentation("source");
    assertEquals("property", bySource.kind());
    assertEquals("acquisition_source", bySource.options().find("property").text());
    assertEquals("first", bySource.options().find("pick").text());

    assertEquals(List.of("weekly_signups", "monthly_buyers"), List.copyOf(m.cohorts().keySet()));
    CohortConfig weekly = m.cohort("weekly_signups");
    assertEquals("event_name = 'signed_up'", weekly.entry().text());
    assertEquals("event_name = 'session_started'", weekly.returning().text());
    assertEquals(Period.WEEK, weekly.period());
    assertEquals(RetentionKind.N_DAY, weekly.retention());
    assertEquals(12, weekly.periods());
    CohortConfig monthly = m.cohort("monthly_buyers");
    assertEquals(Period.MONTH, monthly.period());
    assertEquals(RetentionKind.UNBOUNDED, monthly.retention());
    assertEquals(CohortConfig.DEFAULT_PERIODS, monthly.periods());
    assertEquals(List.of("monthly_buyers", "monthly_buyers_matrix"), monthly.tableNames());
  }

  @Test void toStringNeverShowsThePassword() throws Exception {
    Model m = ModelLoader.load(shopYaml(), ENV);
    String all = m.toString();
    assertFalse(all.contains(SECRET), all);
    assertTrue(all.contains("password=****"), all);
    assertFalse(m.source().password().toString().contains(SECRET));
    assertFalse(m.source().password().where().toString().contains(SECRET));
  }

  @Test void modelsAreImmutable() throws Exception {
    Model m = ModelLoader.load(shopYaml(), ENV);
    assertThrowsUnsupported(() -> m.funnels().clear());
    assertThrowsUnsupported(() -> m.funnel("checkout").steps().clear());
    assertThrowsUnsupported(() -> m.events().properties().clear());
    assertThrowsUnsupported(() -> m.segmentation("engagement").options().entries().clear());
  }

  private static void assertThrowsUnsupported(Runnable r) {
    try {
      r.run();
    } catch (UnsupportedOperationException expected) {
      return;
    }
    throw new AssertionError("mutable");
  }
}
