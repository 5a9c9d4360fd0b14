package dev.jloop.fuzz.program;

import dev.jloop.fuzz.prop.Gen;
import dev.jloop.fuzz.prop.Source;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * Generates scheduler programs: a few root ops, each callback or task with a body of its own up
 * to {@link GenSettings#maxDepth()}. Delays and call_at offsets come mostly from a few fixed
 * values (0 to 8 ms), so timers often share a deadline or fall due in the same pass; cancels,
 * completions and awaits name ids created earlier in generation order, which may still run
 * earlier or later in time. A task awaits only tasks created before it, so no await cycle forms.
 */
@API(status = API.Status.STABLE, since = "0.1")
public final class ProgramGenerator implements Gen<Program> {
  private static final List<Double> DELAYS = List.of(0.0, 0.001, 0.002, 0.003, 0.005, 0.008);
  private static final List<Double> OFFSETS = List.of(0.0, 0.002, 0.004, 0.006);
  private static final List<Double> SLEEPS = List.of(0.0, 0.0, 0.0, 0.001, 0.002, 0.004);

  private enum Kind {
    SOON(18), LATER(12), AT(8), THREADSAFE(4), CANCEL(7), FUTURE(6), DONE(7), COMPLETE(8),
    TASK(6), CANCEL_TASK(3), EXECUTOR(3), STOP(2), SLEEP(10), AWAIT_FUTURE(7), AWAIT_TASK(4),
    AWAIT_JOB(2);

    final int weight;

    Kind(int weight) {
      this.weight = weight;
    }
  }

  private final GenSettings settings;

  /** A generator with {@code settings}. */
  public ProgramGenerator(GenSettings settings) {
    this.settings = Objects.requireNonNull(settings, "settings");
  }

  @Override
  public Program generate(Source source) {
    return new Program(new Draw(source).body(1, 0, source.between(1, 6)));
  }

  /** The state of one generation: ids handed out so far and the op budget left. */
  private final class Draw {
    private final Source s;
    private int budget = settings.maxOps();
    private int nextCallback = 1;
    private int nextFuture = 1;
    private int nextTask = 1;
    private final List<Integer> handles = new ArrayList<>();
    private final List<Integer> futures = new ArrayList<>();
    private final List<Integer> tasks = new ArrayList<>();

    Draw(Source s) {
      this.s = s;
    }

    /** A body at {@code depth} (1 = the root's ops); {@code task} is the enclosing task id or 0. */
    List<Op> body(int depth, int task, int n) {
      List<Op> ops = new ArrayList<>();
      for (int i = 0; i < n && budget > 0; i++) {
        budget--;
        ops.add(op(depth, task));
      }
      return ops;
    }

    private List<Op> nested(int depth, int task) {
      return depth >= settings.maxDepth() ? List.of() : body(depth + 1, task, s.between(0, 3));
    }

    private Op op(int depth, int task) {
      Kind[] kinds = Kind.values();
      int[] weights = new int[kinds.length];
      for (Kind k : kinds) {
        weights[k.ordinal()] = allowed(k, task) ? k.weight : 0;
      }
      return switch (kinds[s.weighted(weights)]) {
        case SOON -> new Op.CallSoon(callbackId(true), nested(depth, 0));
        case LATER -> new Op.CallLater(callbackId(true), delay(), nested(depth, 0));
        case AT -> new Op.CallAt(callbackId(true), offset(), nested(depth, 0));
        case THREADSAFE -> new Op.Threadsafe(callbackId(false), nested(depth, 0));
        case CANCEL -> new Op.Cancel(s.pick(handles));
        case FUTURE -> {
          futures.add(nextFuture);
          yield new Op.NewFuture(nextFuture++);
        }
        case DONE -> new Op.AddDoneCallback(s.pick(futures), callbackId(false), nested(depth, 0));
        case COMPLETE -> new Op.Complete(s.pick(futures),
            Op.Outcome.values()[s.weighted(60, 20, 20)]);
        case TASK -> {
          int tid = nextTask++;
          tasks.add(tid);
          yield new Op.NewTask(tid, depth >= settings.maxDepth()
              ? List.of() : body(depth + 1, tid, s.between(1, 4)));
        }
        case CANCEL_TASK -> new Op.CancelTask(s.pick(tasks));
        case EXECUTOR -> new Op.InExecutor(callbackId(false), nested(depth, 0));
        case STOP -> new Op.Stop();
        case SLEEP -> new Op.Sleep(s.pick(SLEEPS));
        case AWAIT_FUTURE -> new Op.AwaitFuture(s.pick(futures));
        case AWAIT_TASK -> new Op.AwaitTask(s.pick(tasks.subList(0, tasks.indexOf(task))));
        case AWAIT_JOB -> new Op.AwaitJob(callbackId(false));
      };
    }

    private boolean allowed(Kind k, int task) {
      return switch (k) {
        case SOON -> true;
        case LATER, AT -> settings.has(GenSettings.Feature.TIMERS);
        case THREADSAFE -> settings.has(GenSettings.Feature.THREADS);
        case CANCEL -> settings.has(GenSettings.Feature.CANCEL) && !handles.isEmpty();
        case FUTURE -> settings.has(GenSettings.Feature.FUTURES);
        case DONE, COMPLETE -> settings.has(GenSettings.Feature.FUTURES) && !futures.isEmpty();
        case TASK -> settings.has(GenSettings.Feature.TASKS);
        case CANCEL_TASK -> settings.has(GenSettings.Feature.TASKS) && !tasks.isEmpty();
        case EXECUTOR -> settings.has(GenSettings.Feature.EXECUTOR);
        case STOP -> settings.has(GenSettings.Feature.STOP);
        case SLEEP -> task != 0;
        case AWAIT_FUTURE -> task != 0 && !futures.isEmpty();
        case AWAIT_TASK -> task != 0 && tasks.indexOf(task) > 0;
        case AWAIT_JOB -> task != 0 && settings.has(GenSettings.Feature.EXECUTOR);
      };
    }

    private int callbackId(boolean cancellable) {
      int id = nextCallback++;
      if (cancellable) {
        handles.add(id);
      }
      return id;
    }

    private double delay() {
      int r = s.below(20);
      if (r == 0) {
        return -0.001;
      }
      return r < 15 ? s.pick(DELAYS) : Math.round(s.unit() * 80) / 10000.0;
    }

    private double offset() {
      return s.chance(0.75) ? s.pick(OFFSETS) : Math.round(s.unit() * 100 - 20) / 10000.0;
    }
  }
}
