package dev.funnelsql.calcite.model;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The built-in event-schema presets are ordinary {@link ServiceLoader} providers and give the right columns. */
class EventSchemaPresetTest {
  private static final Map<String, List<String>> EXPECTED = Map.of(
      "segment", List.of("tracks", "user_id", "timestamp", "event"),
      "rudderstack", List.of("tracks", "user_id", "timestamp", "event"),
      "snowplow", List.of("atomic.events", "domain_userid", "derived_tstamp", "event_name"),
      "posthog", List.of("events", "distinct_id", "timestamp", "event"),
      "ga4", List.of("events", "user_pseudo_id", "event_timestamp", "event_name"));

  @Test void builtInsAreServiceLoaderProviders() {
    Set<String> names = ServiceLoader.load(EventSchemaPreset.class).stream()
        .map(p -> p.get().name()).collect(Collectors.toSet());
    assertEquals(EXPECTED.keySet(), names);
    EventSchemaPresets presets = EventSchemaPresets.discover();
    assertEquals(List.of("ga4", "posthog", "rudderstack", "segment", "snowplow"), List.copyOf(presets.all().keySet()));
    assertEquals(List.of(), presets.problems());
    assertSame(presets.find("segment"), presets.find("Segment"));
  }

  @Test void eachBuiltInLoadsFromAModel() throws ModelException {
    for (Map.Entry<String, List<String>> e : EXPECTED.entrySet()) {
      Model m = ModelLoader.parse("p.yaml", "source: { url: \"jdbc:h2:mem:p\" }\npreset: " + e.getKey() + "\n",
          Map.of());
      EventsConfig ev = m.events();
      assertEquals(e.getValue(), List.of(ev.table().text(), ev.user().text(), ev.time().text(), ev.event().text()),
          e.getKey());
      assertEquals(List.of(), ev.properties());
      assertEquals("preset", ev.table().where().path());
      assertEquals(2, ev.user().where().line());
      assertEquals(9, ev.user().where().column());
      EventSchemaPreset preset = EventSchemaPresets.discover().find(e.getKey());
      assertNotNull(preset);
      assertFalse(preset.description().isBlank());
      assertTrue(preset.description().contains(e.getValue().get(1)), preset.description());
    }
  }

  @Test void segmentPresetGivesSegmentColumns() throws ModelException {
    Model m = ModelLoader.parse("shop.yaml", """
        source: { url: "jdbc:postgresql://localhost/warehouse", schema: shop_web }
        preset: segment
        funnels:
          signup:
            window: 1d
            steps:
              - { name: Viewed pricing, when: "event = 'Pricing Viewed'" }
              - { name: Signed up, when: "event = 'Signed Up'" }
        """, Map.of());
    assertEquals("tracks", m.events().table().text());
    assertEquals("user_id", m.events().user().text());
    assertEquals("timestamp", m.events().time().text());
    assertEquals("event", m.events().event().text());
    assertEquals("shop_web", m.source().schema().text());
  }

  @Test void thirdPartyPresetsComeFromTheClassPath() throws ModelException {
    // Discovery from a class loader that sees only the built-ins finds exactly the built-ins; a team's jar adds its
    // own the same way, by a META-INF/services file (see EventSchemaPreset's Javadoc).
    EventSchemaPresets presets = EventSchemaPresets.discover(List.of(EventSchemaPreset.class.getClassLoader(),
        EventSchemaPreset.class.getClassLoader()));
    assertEquals(5, presets.all().size());
    assertEquals(List.of(), presets.problems());
    Model m = ModelLoader.parse("p.yaml", "source: { url: u }\npreset: ga4\n", Map.of(), presets);
    assertEquals("user_pseudo_id", m.events().user().text());
  }
}
