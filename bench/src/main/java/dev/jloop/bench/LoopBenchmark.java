package dev.jloop.bench;

import dev.jloop.EventLoop;
import dev.jloop.spi.LoopProviders;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What every micro-benchmark shares: one loop per trial, made by the {@link
 * dev.jloop.spi.LoopProvider} named by the {@code loop} parameter. One benchmark runs over every
 * loop, as JCTools runs one benchmark over every queue: {@code run-micro.sh} passes
 * {@code -p loop=<every provider id LoopIds finds>}; the default is the reference loop.
 *
 * <p>Each fork exports {@code jdk.internal.vm}, so task benchmarks may use the Continuation
 * backend ({@link AwaitSwitchBenchmark}'s subclasses pin the backend per class), and gets a
 * fixed 1 GiB heap touched up front ({@code -XX:+AlwaysPreTouch}): without it, allocation runs
 * through never-touched memory and each new page costs a page fault, which on this project's
 * virtual machines made callSoon 10x slower under G1 (measured; docs/benchmarks.md). The flags
 * go in {@code jvmArgsPrepend}, which leaves {@code -jvmArgsAppend} on the command line free.
 */
@State(Scope.Thread)
@Fork(value = 3, jvmArgsPrepend = {"-Xms1g", "-Xmx1g", "-XX:+AlwaysPreTouch",
    "--add-exports", "java.base/jdk.internal.vm=ALL-UNNAMED"})
@Warmup(iterations = 3, time = 1, timeUnit = TimeUnit.SECONDS)
@Measurement(iterations = 3, time = 1, timeUnit = TimeUnit.SECONDS)
public abstract class LoopBenchmark {
  /** Callbacks (or switches) per benchmark invocation; {@code python/micro.py} uses the same. */
  public static final int BATCH = 1000;

  /** The provider id of the loop under test. */
  @Param("reference")
  public String loop;

  /** The loop of this trial. */
  protected EventLoop eventLoop;

  /** Counts callbacks and stops the loop at the last one. */
  protected CountDown countDown;

  /** Opens the loop; fails loudly (listing the ids found) if no provider has the id. */
  @Setup(Level.Trial)
  public final void openLoop() throws Exception {
    eventLoop = LoopProviders.find(loop).newLoop();
    countDown = new CountDown(eventLoop);
    try {
      afterOpen();
    } catch (Exception | Error e) {
      try {
        beforeClose();
      } catch (Exception | Error cleanup) {
        e.addSuppressed(cleanup);
      } finally {
        eventLoop.close();
      }
      throw e;
    }
  }

  /** Closes the loop. */
  @TearDown(Level.Trial)
  public final void closeLoop() throws Exception {
    try {
      beforeClose();
    } finally {
      eventLoop.close();
    }
  }

  /** Trial set-up after the loop is open; nothing by default. */
  protected void afterOpen() throws Exception {}

  /**
   * Trial tear-down before the loop closes; nothing by default. Also called when
   * {@link #afterOpen()} fails, so it must cope with a half-done set-up.
   */
  protected void beforeClose() throws Exception {}

  /**
   * Runs the loop until {@link #countDown} reaches zero and stops it, then checks that it did:
   * a benchmark whose callbacks silently stopped running must fail, not report a great score.
   */
  protected final void runUntilCountedDown() {
    eventLoop.runForever();
    if (countDown.remaining() != 0) {
      throw new IllegalStateException("loop '" + loop + "' stopped with " + countDown.remaining()
          + " callbacks still expected");
    }
  }
}
