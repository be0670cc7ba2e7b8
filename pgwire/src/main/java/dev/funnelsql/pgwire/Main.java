package dev.funnelsql.pgwire;

import dev.funnelsql.jdbc.FunnelDriver;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Command line of the server jar, {@code java -jar funnelsql-server.jar serve --model <file.yaml> [options]}: runs
 * the PostgreSQL wire protocol server ({@link ServeCommand}); the driver's own command line stays in the driver.
 */
public final class Main {
  private Main() {
  }

  /** Runs the command line; exits with 2 on bad usage and 1 if the server cannot start. */
  public static void main(String[] args) {
    // A command line has no logging backend; don't let SLF4J announce that on every run.
    System.setProperty("slf4j.internal.verbosity", "ERROR");
    final PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    if (args.length == 1 && (args[0].equals("--version") || args[0].equals("version"))) {
      out.println("FunnelSQL " + FunnelDriver.version());
      return;
    }
    if (args.length == 0 || !args[0].equals("serve")) {
      System.err.println("usage: java -jar funnelsql-server.jar serve (--model <file.yaml> | --url <store JDBC URL>) "
          + "[options]  (serve --help lists the options)");
      System.exit(2);
      return;
    }
    System.exit(ServeCommand.run(Arrays.asList(args).subList(1, args.length), System.getenv(), out, System.err));
  }
}
