package dev.funnelsql.calcite.stepscan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** {@code funnel.pushdown} takes its four values, in any case, and refuses any other with the valid ones named. */
class StepScanSettingsTest {
  @Test
  void pushdownTakesFourValues() throws SQLException {
    assertEquals(StepScanSettings.Pushdown.AUTO, StepScanSettings.DEFAULT.pushdown());
    for (StepScanSettings.Pushdown choice : StepScanSettings.Pushdown.values()) {
      final StepScanSettings settings = StepScanSettings.from(pushdown(" " + choice.name() + " "));
      assertEquals(choice, settings.pushdown());
      assertEquals(choice != StepScanSettings.Pushdown.NEVER, settings.enabled());
    }
    assertFalse(StepScanSettings.from(pushdown("never")).enabled());
  }

  @Test
  void anotherValueIsRefusedWithTheValidOnes() {
    final SQLException wrong = assertThrows(SQLException.class, () -> StepScanSettings.from(pushdown("sometimes")));
    assertEquals("22023", wrong.getSQLState());
    assertTrue(wrong.getMessage().contains("'auto', 'engine', 'client' or 'never', got 'sometimes'"),
        wrong.getMessage());
  }

  private static Properties pushdown(String value) {
    final Properties properties = new Properties();
    properties.setProperty(StepScanSettings.PUSHDOWN, value);
    return properties;
  }
}
