package dev.funnelsql.calcite.model;

import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * A mistake in a model file, located at {@code file:line:column} and a key path, so that a user can fix it without
 * reading a stack trace; the driver reports it as a {@link java.sql.SQLException} with SQLState {@code F0000}.
 *
 * <p>The message never contains the value of an environment variable or a password: values are quoted as they are
 * written in the file, with any {@code ${VAR}} reference left unexpanded.
 */
public class ModelException extends Exception {
  /** SQLState of every model error: class F0, "configuration file error". */
  public static final String SQL_STATE = "F0000";

  private static final long serialVersionUID = 1L;

  private final String file;
  private final int line;
  private final int column;
  private final String path;
  private final String problem;

  /**
   * Creates an exception.
   *
   * @param file the model file's name as the user gave it
   * @param line 1-based line, or 0 when the error has no position (the file cannot be read)
   * @param column 1-based column, or 0
   * @param path the key path such as {@code funnels.checkout.steps[2].when}, or "" for the whole file
   * @param problem what is wrong, as one sentence without the location
   */
  public ModelException(String file, int line, int column, String path, String problem) {
    this(file, line, column, path, problem, null);
  }

  /** Creates an exception with a cause (which is never shown in the message). */
  public ModelException(String file, int line, int column, String path, String problem,
      @Nullable Throwable cause) {
    super(format(file, line, column, path, problem), cause);
    this.file = file;
    this.line = line;
    this.column = column;
    this.path = path;
    this.problem = problem;
  }

  /** Creates an exception located at a node of the model tree. */
  public static ModelException at(ModelNode node, String problem) {
    return new ModelException(node.file(), node.line(), node.column(), node.path(), problem);
  }

  /** Creates an exception located at the key of a node of the model tree (or the node, if it has no key). */
  public static ModelException atKey(ModelNode node, String problem) {
    return new ModelException(node.file(), node.keyLine(), node.keyColumn(), node.path(), problem);
  }

  static String format(String file, int line, int column, String path, String problem) {
    StringBuilder b = new StringBuilder(file);
    if (line > 0) {
      b.append(':').append(line).append(':').append(column);
    }
    b.append(": ");
    if (!path.isEmpty()) {
      b.append(path).append(": ");
    }
    return b.append(problem).toString();
  }

  /** The model file's name as given to the loader. */
  public String file() {
    return file;
  }

  /** The 1-based line of the error, or 0 if it has none. */
  public int line() {
    return line;
  }

  /** The 1-based column of the error, or 0 if it has none. */
  public int column() {
    return column;
  }

  /** The key path of the error, such as {@code funnels.checkout.window}; "" for the file as a whole. */
  public String path() {
    return path;
  }

  /** What is wrong, without the location prefix. */
  public String problem() {
    return problem;
  }

  /** The SQLState the driver reports for this error: {@value #SQL_STATE}. */
  public String sqlState() {
    return SQL_STATE;
  }
}
