package dev.funnelsql.examples.wire;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code pgbench} against a wire server on the loopback address, as user and database {@code funnelsql}: the command
 * line the wire runners share, started or run to its end.
 */
public final class Pgbench {
  private Pgbench() {
  }

  /**
   * Starts pgbench without its vacuum step, with {@code clients} sessions on 2 threads for {@code seconds}; its
   * output and errors come in one stream.
   *
   * @param options further options: the scripts ({@code -f file@weight}), {@code -M prepared}, {@code -l} …
   */
  public static Process start(int port, int clients, int seconds, List<String> options) throws IOException {
    final List<String> command = new ArrayList<>(List.of("pgbench", "-n", "-h", "127.0.0.1", "-p",
        Integer.toString(port), "-U", "funnelsql", "-c", Integer.toString(clients), "-j", "2", "-T",
        Integer.toString(seconds)));
    command.addAll(options);
    command.add("funnelsql");
    return new ProcessBuilder(command).redirectErrorStream(true).start();
  }

  /** Runs pgbench to its end and returns its output; throws IOException with the output if it failed. */
  public static String run(int port, int clients, int seconds, List<String> options)
      throws IOException, InterruptedException {
    final Process pgbench = start(port, clients, seconds, options);
    final String output = new String(pgbench.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (pgbench.waitFor() != 0) {
      throw new IOException("pgbench failed:\n" + output);
    }
    return output;
  }
}
