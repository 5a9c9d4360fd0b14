package dev.jloop.tck.scenario;

import dev.jloop.Coroutine;
import dev.jloop.EventLoop;
import dev.jloop.TimerHandle;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.apiguardian.api.API;

/**
 * What a scenario body gets: a fresh loop from the provider under test, helpers to run it, and
 * assertions whose messages diagnose ("loop `reference`: timer B (when=0.020) ran before timer A
 * (when=0.010). Rule timers.deadline-order: ...").
 *
 * <p>The body runs on a thread of its own, which is the thread that runs the loop. Every loop
 * the context hands out is closed by the engine after the body returns; every worker thread
 * started with {@link #thread} is joined, and a failure in one fails the scenario.
 *
 * <p>An {@link UnsupportedOperationException} is never turned into a failure by these helpers:
 * it reaches the engine, which reports NOT_IMPLEMENTED when one of the scenario's apis threw it.
 *
 * <p>A scenario that has something to say when it passes (how much it checked) says it with
 * {@link #note}; the engine writes it as the PASSED result's {@code message}.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class ScenarioContext {
  /** A piece of scenario code that may throw anything. */
  @FunctionalInterface
  public interface Action {
    /** Runs the action. */
    void run() throws Exception;
  }

  /** Lists up to this long are shown whole in order failures. */
  private static final int SHORT_LIST = 12;

  private final String loopId;
  private final Supplier<EventLoop> loopFactory;
  private final String scenarioId;
  private final String rule;
  private final double timeoutScale;
  private final List<EventLoop> loops = Collections.synchronizedList(new ArrayList<>());
  private final List<Thread> workers = Collections.synchronizedList(new ArrayList<>());
  private final List<Throwable> workerFailures = Collections.synchronizedList(new ArrayList<>());
  private volatile String note;
  private EventLoop loop;

  /**
   * Created by the engine for one run of one scenario.
   *
   * @param loopFactory the provider's {@code newLoop}
   */
  @API(status = API.Status.INTERNAL, since = "0.1")
  public ScenarioContext(String loopId, Supplier<EventLoop> loopFactory, String scenarioId,
      String rule, double timeoutScale) {
    this.loopId = Objects.requireNonNull(loopId, "loopId");
    this.loopFactory = Objects.requireNonNull(loopFactory, "loopFactory");
    this.scenarioId = Objects.requireNonNull(scenarioId, "scenarioId");
    this.rule = Objects.requireNonNull(rule, "rule");
    this.timeoutScale = timeoutScale;
  }

  // ---- loops ----

  /** The scenario's loop, created by the provider before the body starts. */
  public EventLoop loop() {
    if (loop == null) {
      loop = newLoop();
    }
    return loop;
  }

  /** Another fresh loop from the same provider; the engine closes it after the scenario. */
  public EventLoop newLoop() {
    EventLoop created = Objects.requireNonNull(loopFactory.get(), "the provider's newLoop() returned null");
    loops.add(created);
    return created;
  }

  /** The id of the provider under test. */
  public String loopId() {
    return loopId;
  }

  /** The id of the running scenario. */
  public String scenarioId() {
    return scenarioId;
  }

  /** {@code seconds} times {@code jloop.tck.timeoutScale}: use it for every wait and guard. */
  public double scaled(double seconds) {
    return seconds * timeoutScale;
  }

  // ---- running ----

  /** Runs {@code body} as a task on {@link #loop()} until it is done; returns its result. */
  public <T> T run(Coroutine<T> body) {
    return loop().runUntilComplete(body);
  }

  /** Runs {@link #loop()} for {@code seconds} of loop time (a {@code callLater} stops it). */
  public void runFor(double seconds) {
    EventLoop l = loop();
    TimerHandle stop = l.callLater(seconds, l::stop);
    try {
      l.runForever();
    } finally {
      stop.cancel();
    }
  }

  /**
   * Runs {@link #loop()} until {@code condition} holds, checking it every 5 ms of loop time; fails
   * if it does not hold within {@code scaled(maxSeconds)}.
   *
   * @param what what the condition means, for the failure message
   */
  public void runUntil(BooleanSupplier condition, double maxSeconds, String what) {
    EventLoop l = loop();
    double deadline = l.time() + scaled(maxSeconds);
    boolean[] met = {false};
    Runnable[] poll = new Runnable[1];
    poll[0] = () -> {
      if (condition.getAsBoolean()) {
        met[0] = true;
        l.stop();
      } else if (l.time() >= deadline) {
        l.stop();
      } else {
        l.callLater(0.005, poll[0]);
      }
    };
    l.callSoon(poll[0]);
    l.runForever();
    check(met[0], "%s did not happen within %.1f s", what, scaled(maxSeconds));
  }

  // ---- threads ----

  /**
   * Starts a worker thread running {@code body}. The engine joins it after the scenario; an
   * exception it throws fails the scenario.
   */
  public Thread thread(String name, Action body) {
    Thread t = new Thread(() -> {
      try {
        body.run();
      } catch (Throwable e) {
        workerFailures.add(e);
      }
    }, "jloop-tck-worker-" + name);
    t.setDaemon(true);
    workers.add(t);
    t.start();
    return t;
  }

  /** Waits for {@code latch} up to {@code scaled(3)} seconds; fails naming {@code what} if not. */
  public void await(CountDownLatch latch, String what) throws InterruptedException {
    if (!latch.await((long) (scaled(3.0) * 1000), TimeUnit.MILLISECONDS)) {
      throw failure("%s did not happen within %.1f s", what, scaled(3.0));
    }
  }

  // ---- notes ----

  /**
   * Attaches a one-line note to the verdict, shown only if the scenario passes: what it checked,
   * e.g. {@code "2345 programs passed (REQUIRED rules) in 5.0 s"}. The engine writes it as the
   * PASSED result's {@code message} in {@code results.json}, and the matrix shows it in the cell's
   * tooltip and on the scenario page; a failing scenario's message is its failure instead. A later
   * call replaces the note. Callable from any thread of the scenario.
   *
   * @param text one line
   * @throws NullPointerException if {@code text} is null
   * @throws IllegalArgumentException if {@code text} is blank or holds a line break
   */
  public void note(String text) {
    Objects.requireNonNull(text, "text");
    if (text.isBlank() || text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0) {
      throw new IllegalArgumentException("a note is one line of text, not " + describe(text));
    }
    note = text;
  }

  /** The note set with {@link #note(String)}, or {@code null}. */
  public String note() {
    return note;
  }

  // ---- assertions ----

  /** A failure whose message names the loop, {@code observation} (a format), and the rule. */
  public ScenarioFailure failure(String format, Object... args) {
    return new ScenarioFailure(message(String.format(Locale.ROOT, format, args)));
  }

  /** Fails with {@link #failure} unless {@code condition} holds. */
  public void check(boolean condition, String format, Object... args) {
    if (!condition) {
      throw failure(format, args);
    }
  }

  /** Fails unless {@code observed} equals {@code expected}: "what: expected X, observed Y". */
  public void expectEquals(String what, Object expected, Object observed) {
    if (!Objects.equals(expected, observed)) {
      throw new ScenarioFailure(
          message(what + ": expected " + describe(expected) + ", observed " + describe(observed)),
          expected, observed);
    }
  }

  /** Fails unless {@code observed} is the very object {@code expected}. */
  public void expectSame(String what, Object expected, Object observed) {
    if (expected != observed) {
      throw new ScenarioFailure(message(what + ": expected the same object " + describe(expected)
          + ", observed " + describe(observed)), expected, observed);
    }
  }

  /** Fails unless {@code observed} lists the same elements in the same order as {@code expected}. */
  public void expectOrder(String what, List<?> expected, List<?> observed) {
    if (expected.equals(observed)) {
      return;
    }
    String detail;
    if (expected.size() <= SHORT_LIST && observed.size() <= SHORT_LIST) {
      detail = "expected order " + expected + ", observed " + observed;
    } else {
      int i = 0;
      while (i < expected.size() && i < observed.size() && Objects.equals(expected.get(i), observed.get(i))) {
        i++;
      }
      detail = "expected " + expected.size() + " in order, observed " + observed.size()
          + "; first difference at position " + i + ": expected "
          + (i < expected.size() ? describe(expected.get(i)) : "nothing")
          + ", observed " + (i < observed.size() ? describe(observed.get(i)) : "nothing");
    }
    throw new ScenarioFailure(message(what + ": " + detail), expected, observed);
  }

  /**
   * Runs {@code action} and returns what it threw, failing unless it threw a {@code type}.
   * An {@link UnsupportedOperationException} (when not the expected type) passes through, so
   * that the engine can report NOT_IMPLEMENTED.
   *
   * @param call the call being made, for the message, e.g. {@code "callSoon(null)"}
   */
  public <X extends Throwable> X expectThrows(Class<X> type, String call, Action action) {
    try {
      action.run();
    } catch (Throwable t) {
      if (type.isInstance(t)) {
        return type.cast(t);
      }
      if (t instanceof UnsupportedOperationException uoe) {
        throw uoe;
      }
      ScenarioFailure f = new ScenarioFailure(message(call + ": expected " + type.getSimpleName()
          + ", observed " + describe(t)), type.getName(), t.getClass().getName());
      f.initCause(t);
      throw f;
    }
    throw new ScenarioFailure(message(call + ": expected " + type.getSimpleName()
        + ", observed no exception"), type.getName(), "no exception");
  }

  /** {@code value} for a message: exceptions as {@code Type: message}, strings quoted. */
  public static String describe(Object value) {
    if (value instanceof Throwable t) {
      return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
    }
    if (value instanceof String s) {
      return "\"" + s + "\"";
    }
    return String.valueOf(value);
  }

  private String message(String observation) {
    String obs = observation.endsWith(".") ? observation.substring(0, observation.length() - 1) : observation;
    return "loop `" + loopId + "`: " + obs + ". Rule " + scenarioId + ": " + rule;
  }

  // ---- for the engine ----

  /** The loops handed out, in creation order. */
  @API(status = API.Status.INTERNAL, since = "0.1")
  public List<EventLoop> loops() {
    synchronized (loops) {
      return List.copyOf(loops);
    }
  }

  /**
   * Joins the worker threads, waiting up to {@code millis} in all; returns the first failure of
   * a worker, or a failure naming a worker that is still running, or {@code null}.
   */
  @API(status = API.Status.INTERNAL, since = "0.1")
  public Throwable joinWorkers(long millis) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
    List<Thread> ts;
    synchronized (workers) {
      ts = List.copyOf(workers);
    }
    for (Thread t : ts) {
      t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
      if (t.isAlive()) {
        return failure("worker thread %s was still running after the scenario", t.getName());
      }
    }
    synchronized (workerFailures) {
      return workerFailures.isEmpty() ? null : workerFailures.get(0);
    }
  }
}
