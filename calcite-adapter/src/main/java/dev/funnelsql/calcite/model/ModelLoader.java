package dev.funnelsql.calcite.model;

import org.checkerframework.checker.nullness.qual.Nullable;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Loads a FunnelSQL model file (YAML) into a validated {@link Model}; every mistake is a {@link ModelException} that
 * says {@code file:line:column: key.path: what is wrong}.
 *
 * <p>{@code ${VAR}} anywhere in a scalar value is replaced from the given environment (production passes
 * {@code System.getenv()}); <code>$${</code> writes a literal <code>${</code>. Keys are never substituted.
 */
public final class ModelLoader {
  private ModelLoader() {
  }

  /**
   * Loads a model file (UTF-8).
   *
   * @param file the model file; its name as given is the file name in messages
   * @param env the environment for {@code ${VAR}} references
   * @return the model
   * @throws ModelException if the file cannot be read or is not a valid model
   */
  public static Model load(Path file, Map<String, String> env) throws ModelException {
    String name = file.toString();
    String yaml;
    if (Files.isDirectory(file)) {
      throw new ModelException(name, 0, 0, "", "the model path is a directory, not a file");
    }
    try {
      yaml = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(Files.readAllBytes(file)))
          .toString();
    } catch (NoSuchFileException e) {
      throw new ModelException(name, 0, 0, "", "the model file does not exist", e);
    } catch (CharacterCodingException e) {
      throw new ModelException(name, 0, 0, "", "the model file is not UTF-8 text", e);
    } catch (IOException e) {
      throw new ModelException(name, 0, 0, "", "cannot read the model file: " + (e.getMessage() != null
          ? e.getMessage() : e.getClass().getSimpleName()), e);
    }
    return parse(name, yaml, env);
  }

  /**
   * Parses a model from text, with the presets found on the class path.
   *
   * @param fileName the name to put in messages
   * @param yaml the model's YAML text
   * @param env the environment for {@code ${VAR}} references
   * @return the model
   * @throws ModelException if the text is not a valid model
   */
  public static Model parse(String fileName, String yaml, Map<String, String> env) throws ModelException {
    return parse(fileName, yaml, env, EventSchemaPresets.discover());
  }

  /** Parses a model from text, with the given presets. */
  public static Model parse(String fileName, String yaml, Map<String, String> env, EventSchemaPresets presets)
      throws ModelException {
    return ModelReader.read(fileName, YamlTreeReader.read(fileName, yaml, env), presets);
  }

  /**
   * Parses YAML text into a located tree without checking it is a model, for tests of segment kinds and presets.
   *
   * @return the root node, or null if the text holds no YAML document
   */
  public static @Nullable ModelNode parseTree(String fileName, String yaml, Map<String, String> env)
      throws ModelException {
    return YamlTreeReader.read(fileName, yaml, env);
  }
}
