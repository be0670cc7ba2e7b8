package dev.funnelsql.calcite.model;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Mutations of the valid shop model (deleted lines, duplicated keys, broken values, truncation, unset variables)
 * either load or fail with a located {@link ModelException} — never another exception, never a leaked secret.
 */
class ModelFuzzTest {
  private static final int CASES = 600;
  private static final String FILE = "shop.yaml";

  @Test void mutatedModelsLoadOrFailWithALocatedError() throws Exception {
    String valid = Files.readString(ModelLoaderTest.shopYaml(), StandardCharsets.UTF_8);
    Map<String, String> env = ModelLoaderTest.ENV;
    ModelLoader.parse(FILE, valid, env);
    Random random = new Random(20_240_611L);
    int loaded = 0;
    int failed = 0;
    for (int i = 0; i < CASES; i++) {
      String mutated = mutate(valid, random, i % 6);
      try {
        Model m = ModelLoader.parse(FILE, mutated, env);
        assertFalse(m.toString().contains(ModelLoaderTest.SECRET), mutated);
        loaded++;
      } catch (ModelException e) {
        String message = e.getMessage();
        assertTrue(message.startsWith(FILE + ":"), () -> message + "\n--- from ---\n" + mutated);
        assertFalse(message.contains(ModelLoaderTest.SECRET), message);
        assertFalse(message.contains("\n") && !message.contains("\\n"), message);
        failed++;
      } catch (RuntimeException | StackOverflowError e) {
        throw new AssertionError("mutation " + i + " threw " + e + "\n--- from ---\n" + mutated, e);
      }
    }
    assertTrue(loaded > 10 && failed > 100, "loaded " + loaded + ", failed " + failed);
  }

  private static String mutate(String text, Random random, int kind) {
    List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
    int at = random.nextInt(lines.size());
    switch (kind) {
      case 0:
        lines.remove(at);
        break;
      case 1: {
        // Duplicate a line with a key: the same key twice in one mapping (or a harmless repeat in a list).
        int keyLine = at;
        while (!lines.get(keyLine).contains(":")) {
          keyLine = (keyLine + 1) % lines.size();
        }
        lines.add(keyLine + 1, lines.get(keyLine));
        break;
      }
      case 2: {
        String line = lines.get(at);
        int colon = line.indexOf(": ");
        lines.set(at, colon < 0 ? line + " [" : line.substring(0, colon + 2) + "[");
        break;
      }
      case 3:
        return text.substring(0, random.nextInt(text.length() + 1));
      case 4: {
        String line = lines.get(at);
        int pos = random.nextInt(line.length() + 1);
        lines.set(at, line.substring(0, pos) + "${NOPE}" + line.substring(pos));
        break;
      }
      default: {
        // Two mutations at once, from the kinds above.
        return mutate(mutate(text, random, random.nextInt(5)), random, random.nextInt(5));
      }
    }
    return String.join("\n", lines);
  }
}
