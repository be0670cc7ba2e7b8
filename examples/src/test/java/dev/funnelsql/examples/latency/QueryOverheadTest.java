package dev.funnelsql.examples.latency;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class QueryOverheadTest {
  @Test
  void measuresEveryKindOfQueryOnTheChartView() throws Exception {
    final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    QueryOverhead.run(3, new PrintStream(bytes, true, StandardCharsets.UTF_8));
    final String report = bytes.toString(StandardCharsets.UTF_8);
    assertTrue(report.contains("3 steps"), report);
    for (String line : new String[] {"plan cache", "PreparedStatement", "full planning", "store alone"}) {
      assertTrue(report.matches("(?s).*" + line + "[^\\n]*\\s[0-9.]+ ms\\n.*"), line + " in\n" + report);
    }
  }
}
