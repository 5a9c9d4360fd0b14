package dev.jloop.fuzz.program;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.apiguardian.api.API;

/**
 * A scheduler program: the ops of its root callback, which the interpreter schedules with
 * {@code call_soon} as callback {@code cb0} before it starts the loop. Programs are values
 * (equal when their ops are equal), so the shrinker can remember which it already tried.
 *
 * @param ops the root callback's ops
 */
@API(status = API.Status.STABLE, since = "0.1")
public record Program(List<Op> ops) {
  /** @throws NullPointerException if {@code ops} or an element is {@code null} */
  public Program {
    Objects.requireNonNull(ops, "ops");
    ops = List.copyOf(ops);
  }

  /** A program of {@code ops}. */
  public static Program of(Op... ops) {
    return new Program(List.of(ops));
  }

  /** How many ops the program has, nested ones included. */
  public int size() {
    return count(ops);
  }

  /** Every op, depth first, each before its body. */
  public List<Op> flatten() {
    List<Op> out = new ArrayList<>();
    flatten(ops, out);
    return out;
  }

  /** The deepest nesting: 1 for a program whose ops have no bodies, 0 if empty. */
  public int depth() {
    return depth(ops);
  }

  /**
   * Whether await ops appear only directly in task bodies and callback and task ids are unique.
   * The interpreters reject invalid programs.
   */
  public boolean valid() {
    return awaitsOnlyInTasks(ops, false) && uniqueIds();
  }

  private static int count(List<Op> ops) {
    int n = 0;
    for (Op op : ops) {
      n += 1 + count(op.body());
    }
    return n;
  }

  private static void flatten(List<Op> ops, List<Op> out) {
    for (Op op : ops) {
      out.add(op);
      flatten(op.body(), out);
    }
  }

  private static int depth(List<Op> ops) {
    int d = 0;
    for (Op op : ops) {
      d = Math.max(d, 1 + depth(op.body()));
    }
    return d;
  }

  private static boolean awaitsOnlyInTasks(List<Op> ops, boolean inTask) {
    for (Op op : ops) {
      if (op.awaits() && !inTask) {
        return false;
      }
      if (!awaitsOnlyInTasks(op.body(), op instanceof Op.NewTask)) {
        return false;
      }
    }
    return true;
  }

  private boolean uniqueIds() {
    Set<Integer> callbacks = new HashSet<>();
    Set<Integer> tasks = new HashSet<>();
    for (Op op : flatten()) {
      boolean fresh = switch (op) {
        case Op.CallSoon o -> callbacks.add(o.id());
        case Op.CallLater o -> callbacks.add(o.id());
        case Op.CallAt o -> callbacks.add(o.id());
        case Op.Threadsafe o -> callbacks.add(o.id());
        case Op.AddDoneCallback o -> callbacks.add(o.id());
        case Op.InExecutor o -> callbacks.add(o.id());
        case Op.AwaitJob o -> callbacks.add(o.id());
        case Op.NewTask o -> tasks.add(o.tid());
        default -> true;
      };
      if (!fresh) {
        return false;
      }
    }
    return !callbacks.contains(0);
  }
}
