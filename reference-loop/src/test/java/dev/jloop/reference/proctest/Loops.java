package dev.jloop.reference.proctest;

import dev.jloop.EventLoop;
import dev.jloop.Future;
import dev.jloop.TimerHandle;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.function.BooleanSupplier;

/** Running a loop in tests with a time limit, and checksums. */
public final class Loops {
  /** The limit of one wait: generous, since the machine is shared. */
  public static final double TIMEOUT = 60;

  private Loops() {}

  /** Runs {@code loop} until {@code future} is done (at most {@link #TIMEOUT} s) and returns its result. */
  public static <T> T run(EventLoop loop, Future<T> future) {
    boolean[] timedOut = new boolean[1];
    TimerHandle watchdog = loop.callLater(TIMEOUT, () -> {
      timedOut[0] = true;
      loop.stop();
    });
    try {
      return loop.runUntilComplete(future);
    } catch (IllegalStateException e) {
      if (timedOut[0]) {
        throw new AssertionError("timed out after " + TIMEOUT + " s waiting for " + future, e);
      }
      throw e;
    } finally {
      watchdog.cancel();
    }
  }

  /** Runs {@code loop} until {@code condition} holds, checking it every 5 ms. */
  public static void runUntil(EventLoop loop, BooleanSupplier condition) {
    Future<Void> done = loop.createFuture();
    Runnable[] check = new Runnable[1];
    check[0] = () -> {
      if (condition.getAsBoolean()) {
        if (!done.done()) {
          done.setResult(null);
        }
      } else {
        loop.callLater(0.005, check[0]);
      }
    };
    loop.callSoon(check[0]);
    run(loop, done);
  }

  /** Runs {@code loop} for about {@code seconds}. */
  public static void runFor(EventLoop loop, double seconds) {
    Future<Void> done = loop.createFuture();
    loop.callLater(seconds, () -> done.setResult(null));
    run(loop, done);
  }

  /** A SHA-256 that can be fed in pieces. */
  public static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }

  public static String hex(byte[] digest) {
    return HexFormat.of().formatHex(digest);
  }
}
