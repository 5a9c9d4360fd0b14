package dev.jloop.fuzz.program;

import java.util.ArrayList;
import java.util.List;
import org.apiguardian.api.API;

/**
 * Prints a program as an equivalent Python asyncio script: every callback a function, every
 * task a coroutine, a log of what ran printed at the end. Like {@link JavaPrinter} it runs the
 * loop until every timer is due, then one more pass. {@code uvloop=true} makes the loop with
 * {@code uvloop.new_event_loop()}.
 */
@API(status = API.Status.STABLE, since = "0.1")
public final class PythonPrinter {
  private final List<String> defs = new ArrayList<>();

  private PythonPrinter() {}

  /**
   * The program as a runnable script.
   *
   * @param runSeconds how long the script runs the loop (past the last deadline)
   * @param uvloop whether to run it on uvloop instead of asyncio's own loop
   */
  public static String print(Program p, double runSeconds, boolean uvloop) {
    PythonPrinter py = new PythonPrinter();
    py.callback(0, p.ops());
    StringBuilder b = new StringBuilder();
    b.append("import asyncio\nimport threading\n").append(uvloop ? "import uvloop\n" : "")
        .append("\n\ndef main():\n")
        .append("    loop = ").append(uvloop ? "uvloop.new_event_loop()" : "asyncio.new_event_loop()")
        .append("\n    log, h, fut, task = [], {}, {}, {}\n    t0 = loop.time()\n");
    for (String d : py.defs) {
      b.append('\n').append(d);
    }
    b.append("\n    passes = [0]  # a pass marker, as the fuzzer's: it logs each of the first 50 passes\n\n")
        .append("    def marker():\n        passes[0] += 1\n        log.append(f\"pass {passes[0]}\")\n")
        .append("        if passes[0] < 50:\n            loop.call_soon(marker)\n")
        .append("\n    loop.call_soon(marker)\n    loop.call_soon(cb0)\n")
        .append("    over = []\n")
        .append("    loop.call_later(").append(AstPrinter.num(runSeconds))
        .append(", lambda: (over.append(True), loop.stop()))\n")
        .append("    while not over:\n        loop.run_forever()\n")
        .append("    loop.close()\n    print(log)\n\n\nmain()\n");
    return b.toString();
  }

  private void callback(int id, List<Op> body) {
    List<String> lines = new ArrayList<>();
    lines.add("def cb" + id + "(*_):");
    lines.add("    log.append(\"cb" + id + "\")");
    ops(lines, 1, body, 0);
    defs.add(indent(lines));
  }

  private void task(int tid, List<Op> body) {
    List<String> lines = new ArrayList<>();
    lines.add("async def t" + tid + "():");
    lines.add("    log.append(\"t" + tid + " begins\")");
    ops(lines, 1, body, tid);
    lines.add("    return \"t" + tid + "\"");
    defs.add(indent(lines));
  }

  private void ops(List<String> out, int i, List<Op> ops, int task) {
    for (Op op : ops) {
      op(out, i, op, task);
    }
  }

  private void op(List<String> out, int i, Op op, int tid) {
    String p = "    ".repeat(i);
    switch (op) {
      case Op.CallSoon o -> {
        out.add(p + "h[" + o.id() + "] = loop.call_soon(cb" + o.id() + ")");
        callback(o.id(), o.body());
      }
      case Op.CallLater o -> {
        out.add(p + "h[" + o.id() + "] = loop.call_later(" + AstPrinter.num(o.delay()) + ", cb" + o.id() + ")");
        callback(o.id(), o.body());
      }
      case Op.CallAt o -> {
        out.add(p + "h[" + o.id() + "] = loop.call_at(t0 + " + AstPrinter.num(o.offset()) + ", cb" + o.id() + ")");
        callback(o.id(), o.body());
      }
      case Op.Threadsafe o -> {
        out.add(p + "threading.Thread(target=lambda: loop.call_soon_threadsafe(cb" + o.id() + ")).start()");
        callback(o.id(), o.body());
      }
      case Op.Cancel o -> out.add(p + "if " + o.target() + " in h: h[" + o.target() + "].cancel()");
      case Op.NewFuture o -> out.add(p + "fut[" + o.fid() + "] = loop.create_future()");
      case Op.AddDoneCallback o -> {
        out.add(p + "if " + o.fid() + " in fut: fut[" + o.fid() + "].add_done_callback(cb" + o.id() + ")");
        callback(o.id(), o.body());
      }
      case Op.Complete o -> out.add(p + "if " + o.fid() + " in fut and not fut[" + o.fid() + "].done(): fut["
          + o.fid() + "]." + switch (o.how()) {
            case RESULT -> "set_result(\"f" + o.fid() + "\")";
            case EXCEPTION -> "set_exception(RuntimeError(\"f" + o.fid() + "\"))";
            case CANCEL -> "cancel()";
          });
      case Op.NewTask o -> {
        out.add(p + "task[" + o.tid() + "] = loop.create_task(t" + o.tid() + "())");
        task(o.tid(), o.body());
      }
      case Op.CancelTask o -> out.add(p + "if " + o.tid() + " in task: task[" + o.tid() + "].cancel()");
      case Op.Sleep o -> out.add(p + "await asyncio.sleep(" + AstPrinter.num(o.seconds()) + ")");
      case Op.AwaitFuture o -> await(out, p, tid, "fut[" + o.fid() + "]", o.fid() + " in fut");
      case Op.AwaitTask o -> await(out, p, tid, "task[" + o.tid() + "]", o.tid() + " in task");
      case Op.InExecutor o -> {
        out.add(p + "loop.run_in_executor(None, lambda: \"j" + o.id() + "\").add_done_callback(cb" + o.id() + ")");
        callback(o.id(), o.body());
      }
      case Op.AwaitJob o -> await(out, p, tid, "loop.run_in_executor(None, lambda: 'j" + o.id() + "')", null);
      case Op.Stop o -> out.add(p + "loop.stop()");
    }
  }

  private static void await(List<String> out, String p, int tid, String awaitable, String guard) {
    String q = p;
    if (guard != null) {
      out.add(p + "if " + guard + ":");
      q = p + "    ";
    }
    out.add(q + "try:");
    out.add(q + "    log.append(f\"t" + tid + " got {await " + awaitable + "}\")");
    out.add(q + "except asyncio.CancelledError:");
    out.add(q + "    log.append(\"t" + tid + " cancelled\")");
    out.add(q + "    raise");
    out.add(q + "except Exception as e:");
    out.add(q + "    log.append(f\"t" + tid + " got {e!r}\")");
  }

  private static String indent(List<String> lines) {
    StringBuilder b = new StringBuilder();
    for (String l : lines) {
      b.append("    ").append(l).append('\n');
    }
    return b.toString();
  }
}
