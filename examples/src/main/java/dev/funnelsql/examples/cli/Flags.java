package dev.funnelsql.examples.cli;

import java.util.Set;

/**
 * The flags of an examples program, {@code --name value} or {@code --name=value}, read one after the other:
 * {@code while (flags.next()) { switch (flags.name()) { … flags.value() … } }}.
 */
public final class Flags {
  private final String[] args;
  private final String usage;
  private final Set<String> switches;
  private int next;
  private String name = "";
  private String value = "";

  /**
   * Reads {@code args}.
   *
   * @param usage the usage line shown when a flag has no value
   */
  public Flags(String[] args, String usage) {
    this(args, usage, Set.of());
  }

  /**
   * Reads {@code args}, where the flags named in {@code switches} take no value (their value is {@code true}).
   *
   * @param usage the usage line shown when a flag has no value
   * @param switches flags without a value, e.g. {@code --tables}
   */
  public Flags(String[] args, String usage, Set<String> switches) {
    this.args = args.clone();
    this.usage = usage;
    this.switches = Set.copyOf(switches);
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
    if (switches.contains(flag)) {
      name = flag;
      value = "true";
    } else if (flag.startsWith("--") && eq > 0) {
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
