package dev.funnelsql.examples.cli;

/**
 * The flags of an examples program, {@code --name value} or {@code --name=value}, read one after the other:
 * {@code while (flags.next()) { switch (flags.name()) { … flags.value() … } }}.
 */
public final class Flags {
  private final String[] args;
  private final String usage;
  private int next;
  private String name = "";
  private String value = "";

  /**
   * Reads {@code args}.
   *
   * @param usage the usage line shown when a flag has no value
   */
  public Flags(String[] args, String usage) {
    this.args = args.clone();
    this.usage = usage;
  }

  /**
   * Moves to the next flag.
   *
   * @return false when there is none
   * @throws IllegalArgumentException if the last flag has no value
   */
  public boolean next() {
    if (next >= args.length) {
      return false;
    }
    final String flag = args[next++];
    final int eq = flag.indexOf('=');
    if (flag.startsWith("--") && eq > 0) {
      name = flag.substring(0, eq);
      value = flag.substring(eq + 1);
    } else if (next < args.length) {
      name = flag;
      value = args[next++];
    } else {
      throw new IllegalArgumentException("missing value after " + flag + "; usage: " + usage);
    }
    return true;
  }

  /** The current flag, e.g. {@code --users}. */
  public String name() {
    return name;
  }

  /** The current flag's value. */
  public String value() {
    return value;
  }
}
