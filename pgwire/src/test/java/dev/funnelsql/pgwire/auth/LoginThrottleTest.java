package dev.funnelsql.pgwire.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The failed-login throttle: doubling delays per address, forgetting on success or after a quiet minute, bounded. */
class LoginThrottleTest {
  private static InetAddress address(int n) throws Exception {
    return InetAddress.getByAddress(new byte[] {10, (byte) (n >> 16), (byte) (n >> 8), (byte) n});
  }

  @Test
  void eachFailureInARowWaitsTwiceAsLongUpToFourSeconds() throws Exception {
    final LoginThrottle throttle = new LoginThrottle();
    final List<Long> delays = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      delays.add(throttle.failed(address(1), 1_000L * i).pause().toMillis());
    }
    assertEquals(List.of(250L, 500L, 1_000L, 2_000L, 4_000L, 4_000L, 4_000L, 4_000L), delays);
    assertEquals(250L, throttle.failed(address(2), 8_000).pause().toMillis(), "another address starts afresh");
  }

  @Test
  void aSuccessOrAQuietMinuteForgetsTheFailures() throws Exception {
    final LoginThrottle throttle = new LoginThrottle();
    throttle.failed(address(1), 0);
    assertEquals(2, throttle.failed(address(1), 1_000).failuresInARow());
    throttle.succeeded(address(1));
    assertEquals(1, throttle.failed(address(1), 2_000).failuresInARow());
    assertEquals(2, throttle.failed(address(1), 61_000).failuresInARow(), "59 s after the last one");
    assertEquals(1, throttle.failed(address(1), 122_000).failuresInARow(), "61 s after the last one");
  }

  @Test
  void itRemembersABoundedNumberOfAddresses() throws Exception {
    final LoginThrottle throttle = new LoginThrottle();
    throttle.failed(address(0), 0);
    assertEquals(2, throttle.failed(address(0), 1).failuresInARow());
    for (int i = 1; i <= 10_000; i++) {
      throttle.failed(address(i), 2);
    }
    assertEquals(1, throttle.failed(address(0), 3).failuresInARow(), "the oldest address was let go");
  }
}
