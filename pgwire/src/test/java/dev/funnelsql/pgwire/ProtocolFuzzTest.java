package dev.funnelsql.pgwire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.funnelsql.pgwire.auth.AuthMethod;
import dev.funnelsql.pgwire.tls.ServerTls;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Protocol fuzzing: malformed, truncated, oversized and out-of-order messages and random bytes, before the startup
 * message, during a password exchange and after authentication, each on a connection of its own. The server must
 * answer a broken message with an ErrorResponse ({@code 08P01}) and close that connection, never hang, never
 * allocate from a length field (2 GB lengths are among the cases), and another session's chart query must keep its
 * answer throughout. The suite runs {@value #DEFAULT_CASES} cases; {@code -Dfuzz.cases=N} or {@code -Dfuzz.seconds=S}
 * makes the long run (README: wire server).
 */
class ProtocolFuzzTest {
  private static final int DEFAULT_CASES = 2_000;
  private static final String CHART = "SELECT step_label, users FROM funnels.checkout_chart ORDER BY step_label";
  private static final int SSL_REQUEST = 80_877_103;
  private static final int CANCEL_REQUEST = 80_877_102;
  private static final int PROTOCOL_3 = 196_608;

  /** What a case must get back. */
  private enum Expect {
    /** An ErrorResponse with SQLSTATE 08P01 (or 0A000, 28000 for a startup it cannot serve), then the close. */
    PROTOCOL_ERROR,
    /** Anything well formed, then the close (the case's bytes may be incomplete, so the server may just wait). */
    ANY
  }

  /** One fuzz case: its family (for the report), the server it goes to, and its bytes. */
  private record Case(String family, boolean passwordServer, boolean authenticate, byte[] bytes, Expect expect) {
  }

  @Test
  void brokenMessagesGetAnErrorAndACloseAndOtherSessionsGoOn() throws Exception {
    final long seconds = Long.getLong("fuzz.seconds", 0);
    final long cases = seconds > 0 ? Long.MAX_VALUE : Long.getLong("fuzz.cases", DEFAULT_CASES);
    final long seed = Long.getLong("fuzz.seed", 20_261_203L);
    final ShopFixture shop = ShopFixture.create(100);
    final Runtime runtime = Runtime.getRuntime();
    System.gc();
    final long heapBefore = runtime.totalMemory() - runtime.freeMemory();
    final Map<String, int[]> report = new TreeMap<>();
    final long started = System.nanoTime();
    long ran = 0;
    try (PgServer open = shop.serve(AuthMethod.TRUST, Map.of());
        PgServer guarded = shop.serve(InetAddress.getLoopbackAddress(), AuthMethod.SCRAM_SHA_256,
            Map.of("analyst", "fuzz-pass"), ServerTls.off(false));
        Connection watcher = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + open.port()
            + "/funnelsql?user=watcher")) {
      final List<List<Object>> expected = Rows.of(watcher, CHART);
      final SplittableRandom random = new SplittableRandom(seed);
      while (ran < cases && (seconds == 0 || System.nanoTime() - started < seconds * 1_000_000_000L)) {
        final Case fuzz = next(random);
        final String outcome = run(fuzz, fuzz.passwordServer() ? guarded : open, ran, seed);
        report.computeIfAbsent(fuzz.family() + " -> " + outcome, key -> new int[1])[0]++;
        ran++;
        if (ran % 250 == 0) {
          assertEquals(expected, Rows.of(watcher, CHART), "the other session's answer after " + ran + " cases");
        }
      }
      assertEquals(expected, Rows.of(watcher, CHART));
      try (Connection fresh = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + open.port()
          + "/funnelsql?user=late")) {
        assertEquals(expected, Rows.of(fresh, CHART), "a new client after the fuzzing");
      }
    }
    System.gc();
    final long heapAfter = runtime.totalMemory() - runtime.freeMemory();
    final StringBuilder summary = new StringBuilder("protocol fuzz: " + ran + " cases (seed " + seed + ") in "
        + (System.nanoTime() - started) / 1_000_000 + " ms; heap after GC " + heapBefore / (1 << 20) + " -> "
        + heapAfter / (1 << 20) + " MiB");
    report.forEach((key, count) -> summary.append("\n  ").append(key).append(": ").append(count[0]));
    System.out.println(summary);
    assertTrue(heapAfter - heapBefore < 256L << 20, summary.toString());
  }

  /** Sends a case on a new connection, half-closes it, and reads the answer to the end; returns its outcome. */
  private static String run(Case fuzz, PgServer server, long index, long seed) throws IOException {
    try (RawPgClient client = new RawPgClient(server.port())) {
      if (fuzz.authenticate()) {
        client.startup("fuzzer");
      }
      client.send(fuzz.bytes());
      client.shutdownOutput();
      if (fuzz.family().startsWith("SSLRequest")) {
        assertEquals('N', client.readByte(), "case " + index + ": SSLRequest answered 'N' (no TLS configured)");
      }
      final List<String> sqlStates = new java.util.ArrayList<>();
      while (true) {
        final RawPgClient.Message message;
        try {
          message = client.read();
        } catch (EOFException closed) {
          break;
        } catch (SocketTimeoutException hung) {
          fail("case " + index + " (" + fuzz.family() + ", seed " + seed + "): no answer or close within the "
              + "read timeout");
          throw hung;
        }
        assertTrue("RSKZETDCnst1223INGAvp".indexOf(message.type()) >= 0 || message.type() == 'N',
            "case " + index + ": unknown backend message type " + (int) message.type());
        if (message.type() == 'E') {
          sqlStates.add(field(message.body(), 'C'));
        }
      }
      final boolean protocolError = sqlStates.stream().anyMatch(List.of("08P01", "0A000", "28000")::contains);
      if (fuzz.expect() == Expect.PROTOCOL_ERROR) {
        assertTrue(protocolError, "case " + index + " (" + fuzz.family() + ", seed " + seed + "): expected a "
            + "protocol error before the close, got " + sqlStates);
      }
      return sqlStates.isEmpty() ? "closed" : "errors " + new java.util.TreeSet<>(sqlStates) + ", closed";
    }
  }

  private static String field(byte[] body, char code) {
    int at = 0;
    while (at < body.length && body[at] != 0) {
      final char type = (char) body[at];
      int end = at + 1;
      while (end < body.length && body[end] != 0) {
        end++;
      }
      if (type == code) {
        return new String(body, at + 1, end - at - 1, StandardCharsets.UTF_8);
      }
      at = end + 1;
    }
    return null;
  }

  // ----- the cases -----

  private static Case next(SplittableRandom random) throws IOException {
    final int pick = random.nextInt(100);
    if (pick < 8) {
      return new Case("random bytes before startup", false, false, randomBytes(random, 1, 64), Expect.ANY);
    }
    if (pick < 16) {
      final int length = pick(random, 0, 3, 7, 10_001, Integer.MAX_VALUE, -1, Integer.MIN_VALUE);
      return new Case("startup with length " + bucket(length), false, false, startupWithLength(length, random),
          Expect.PROTOCOL_ERROR);
    }
    if (pick < 22) {
      final int version = pick(random, 0x00020000, 0x00040000, 0x7FFF0000, 0x00030005, random.nextInt());
      return new Case("startup with an unknown protocol", false, false, startup(version, "user", "fuzzer"),
          version >> 16 == 3 ? Expect.ANY : Expect.PROTOCOL_ERROR);
    }
    if (pick < 26) {
      final byte[] complete = startup(PROTOCOL_3, "user", "fuzzer", "database", "funnelsql");
      return new Case("startup cut short", false, false, java.util.Arrays.copyOf(complete,
          random.nextInt(complete.length)), Expect.ANY);
    }
    if (pick < 30) {
      return new Case("startup without its terminators", false, false, unterminatedStartup(random),
          Expect.PROTOCOL_ERROR);
    }
    if (pick < 34) {
      return new Case("SSLRequest then random bytes", false, false, concat(packet(SSL_REQUEST, new byte[0]),
          randomBytes(random, 1, 64)), Expect.ANY);
    }
    if (pick < 38) {
      final byte[] keys = randomBytes(random, 0, 12);
      return new Case("CancelRequest with " + (keys.length == 8 ? "random" : "wrong-size") + " keys", false, false,
          packet(CANCEL_REQUEST, keys), keys.length < 8 ? Expect.PROTOCOL_ERROR : Expect.ANY);
    }
    if (pick < 48) {
      return passwordPhase(random);
    }
    return afterAuthentication(random);
  }

  /** Cases sent to the SCRAM server right after a valid startup, in the middle of the password exchange. */
  private static Case passwordPhase(SplittableRandom random) throws IOException {
    final byte[] startup = startup(PROTOCOL_3, "user", "analyst", "database", "funnelsql");
    switch (random.nextInt(4)) {
      case 0:
        return new Case("password phase: random bytes", true, false, concat(startup, randomBytes(random, 1, 64)),
            Expect.ANY);
      case 1:
        return new Case("password phase: length " + bucket(Integer.MAX_VALUE), true, false, concat(startup,
            typedHeader('p', Integer.MAX_VALUE)), Expect.PROTOCOL_ERROR);
      case 2: {
        final char type = (char) pick(random, 'Q', 'P', 'B', 'E', 'S', 'X' + 1, 'd', 0);
        return new Case("password phase: a '" + printable(type) + "' message", true, false, concat(startup,
            typed(type, randomBytes(random, 0, 16))), Expect.PROTOCOL_ERROR);
      }
      default:
        return new Case("password phase: a garbled SASL response", true, false, concat(startup, typed('p',
            randomBytes(random, 0, 80))), Expect.ANY);
    }
  }

  /** Cases sent after a trust login: broken framing, broken bodies, messages out of order. */
  private static Case afterAuthentication(SplittableRandom random) throws IOException {
    switch (random.nextInt(9)) {
      case 0:
        return new Case("after login: random bytes", false, true, randomBytes(random, 1, 128), Expect.ANY);
      case 1: {
        final int length = pick(random, Integer.MAX_VALUE, -1, 0, 3, 64 << 20 + 1, Integer.MIN_VALUE);
        final char type = (char) pick(random, 'Q', 'P', 'B', 'D', 'E', 'p', 'Z');
        return new Case("after login: '" + type + "' with length " + bucket(length), false, true,
            typedHeader(type, length), Expect.PROTOCOL_ERROR);
      }
      case 2:
        return new Case("after login: a Bind value of 2 GB in a small message", false, true, concat(
            typed('P', concat(cString(""), cString("SELECT 1"), shorts(0))), typed('B', concat(cString(""),
            cString(""), shorts(0), shorts(1), ints(Integer.MAX_VALUE), randomBytes(random, 0, 8)))),
            Expect.PROTOCOL_ERROR);
      case 3: {
        final char type = (char) pick(random, 'P', 'B', 'D', 'E', 'C');
        return new Case("after login: '" + type + "' cut short", false, true, typed(type,
            randomBytes(random, 0, 3)), type == 'D' || type == 'C' ? Expect.ANY : Expect.PROTOCOL_ERROR);
      }
      case 4:
        return new Case("after login: Bind with a field count past its end", false, true, typed('B', concat(
            cString(""), cString(""), shorts(0xFFFF))), Expect.PROTOCOL_ERROR);
      case 5:
        return new Case("after login: out of order (Execute, Bind, Describe of nothing, then Sync)", false, true,
            concat(typed('E', concat(cString("nowhere"), ints(0))), typed('B', concat(cString("p"),
            cString("none"), shorts(0), shorts(0), shorts(0))), typed('D', concat(new byte[] {'S'},
            cString("none"))), typed('S', new byte[0])), Expect.ANY);
      case 6:
        return new Case("after login: a second startup message", false, true, startup(PROTOCOL_3, "user",
            "again"), Expect.ANY);
      case 7:
        return new Case("after login: an unknown message type", false, true, typed((char) pick(random, 'x', 'z',
            'F', 'f', 'c', 0), randomBytes(random, 0, 32)), Expect.ANY);
      default:
        return new Case("after login: bad SQL and a broken Parse", false, true, concat(typed('Q',
            cString(new String(randomBytes(random, 0, 40), StandardCharsets.ISO_8859_1).replace('\0', ' '))),
            typed('P', concat(cString("s"), cString("SELECT"), shorts(3), ints(25)))), Expect.PROTOCOL_ERROR);
    }
  }

  private static String bucket(int length) {
    return length == Integer.MAX_VALUE ? "2 GB" : length < 0 ? "negative" : Integer.toString(length);
  }

  private static String printable(char type) {
    return type >= 32 && type < 127 ? Character.toString(type) : "\\" + (int) type;
  }

  private static int pick(SplittableRandom random, int... values) {
    return values[random.nextInt(values.length)];
  }

  private static byte[] randomBytes(SplittableRandom random, int min, int max) {
    final byte[] bytes = new byte[min + random.nextInt(max - min + 1)];
    random.nextBytes(bytes);
    return bytes;
  }

  private static byte[] startup(int version, String... parameters) throws IOException {
    final ByteArrayOutputStream body = new ByteArrayOutputStream();
    for (String parameter : parameters) {
      body.write(cString(parameter));
    }
    body.write(0);
    return packet(version, body.toByteArray());
  }

  private static byte[] unterminatedStartup(SplittableRandom random) throws IOException {
    final byte[] text = "user".getBytes(StandardCharsets.UTF_8);
    return packet(PROTOCOL_3, random.nextBoolean() ? text : concat(cString("user"), text));
  }

  private static byte[] startupWithLength(int length, SplittableRandom random) throws IOException {
    return concat(ints(length), ints(PROTOCOL_3), randomBytes(random, 0, 16));
  }

  private static byte[] packet(int code, byte[] body) throws IOException {
    return concat(ints(body.length + 8), ints(code), body);
  }

  private static byte[] typed(char type, byte[] body) throws IOException {
    return concat(typedHeader(type, body.length + 4), body);
  }

  private static byte[] typedHeader(char type, int length) throws IOException {
    return concat(new byte[] {(byte) type}, ints(length));
  }

  private static byte[] cString(String text) {
    final byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    return java.util.Arrays.copyOf(bytes, bytes.length + 1);
  }

  private static byte[] ints(int value) throws IOException {
    return write(out -> out.writeInt(value));
  }

  private static byte[] shorts(int value) throws IOException {
    return write(out -> out.writeShort(value));
  }

  private interface Writer {
    void write(DataOutputStream out) throws IOException;
  }

  private static byte[] write(Writer writer) throws IOException {
    final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    writer.write(new DataOutputStream(bytes));
    return bytes.toByteArray();
  }

  private static byte[] concat(byte[]... parts) throws IOException {
    final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      bytes.write(part);
    }
    return bytes.toByteArray();
  }
}
