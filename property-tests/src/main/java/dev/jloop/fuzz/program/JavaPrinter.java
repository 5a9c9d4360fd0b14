package dev.jloop.fuzz.program;

import java.util.List;
import org.apiguardian.api.API;

/**
 * Prints a program as plain Java against the jloop API: a snippet to paste into a test of the
 * loop, with a log of what ran and of the first 50 pass boundaries. It runs the loop until every
 * timer is due (then one more pass), instead of the interpreter's live-work count, which is
 * enough for a shrunk counterexample.
 */
@API(status = API.Status.STABLE, since = "0.1")
public final class JavaPrinter {
  private final StringBuilder out = new StringBuilder();

  private JavaPrinter() {}

  /**
   * The program as Java statements on the loop of provider {@code loopId}.
   *
   * @param runSeconds how long the snippet runs the loop (past the last deadline)
   */
  public static String print(Program p, String loopId, double runSeconds) {
    JavaPrinter j = new JavaPrinter();
    int[] n = Sizes.of(p);
    j.line(0, "EventLoop loop = LoopProviders.find(\"" + loopId + "\").newLoop();");
    j.line(0, "List<String> log = Collections.synchronizedList(new ArrayList<>());");
    j.line(0, "Handle[] h = new Handle[" + n[0] + "];");
    j.line(0, "@SuppressWarnings(\"unchecked\") Future<Object>[] fut = new Future[" + n[1] + "];");
    j.line(0, "@SuppressWarnings(\"unchecked\") Task<Object>[] task = new Task[" + n[2] + "];");
    j.line(0, "double t0 = loop.time();");
    j.line(0, "// A pass marker, as the fuzzer's: it logs \"pass N\" at each of the first 50 passes.");
    j.line(0, "int[] passes = {0};");
    j.line(0, "Runnable[] marker = new Runnable[1];");
    j.line(0, "marker[0] = () -> {");
    j.line(1, "log.add(\"pass \" + ++passes[0]);");
    j.line(1, "if (passes[0] < 50) {");
    j.line(2, "loop.callSoon(marker[0]);");
    j.line(1, "}");
    j.line(0, "};");
    j.line(0, "loop.callSoon(marker[0]);");
    j.callback(0, "loop.callSoon(() -> {", 0, p.ops(), "});");
    j.line(0, "boolean[] over = {false};");
    j.line(0, "loop.callLater(" + AstPrinter.num(runSeconds) + ", () -> { over[0] = true; loop.stop(); });");
    j.line(0, "while (!over[0]) {");
    j.line(1, "loop.runForever();");
    j.line(0, "}");
    j.line(0, "loop.close();");
    j.line(0, "System.out.println(log);");
    return j.out.toString();
  }

  private void callback(int indent, String open, int id, List<Op> body, String close) {
    line(indent, open);
    line(indent + 1, "log.add(\"cb" + id + "\");");
    ops(indent + 1, body, 0);
    line(indent, close);
  }

  private void ops(int indent, List<Op> ops, int task) {
    for (Op op : ops) {
      op(indent, op, task);
    }
  }

  private void op(int i, Op op, int task) {
    switch (op) {
      case Op.CallSoon o -> callback(i, "h[" + o.id() + "] = loop.callSoon(() -> {", o.id(), o.body(), "});");
      case Op.CallLater o -> callback(i, "h[" + o.id() + "] = loop.callLater(" + AstPrinter.num(o.delay())
          + ", () -> {", o.id(), o.body(), "});");
      case Op.CallAt o -> callback(i, "h[" + o.id() + "] = loop.callAt(t0 + " + AstPrinter.num(o.offset())
          + ", () -> {", o.id(), o.body(), "});");
      case Op.Threadsafe o -> callback(i, "new Thread(() -> loop.callSoonThreadsafe(() -> {", o.id(),
          o.body(), "})).start();");
      case Op.Cancel o -> line(i, "if (h[" + o.target() + "] != null) { h[" + o.target() + "].cancel(); }");
      case Op.NewFuture o -> line(i, "fut[" + o.fid() + "] = loop.createFuture();");
      case Op.AddDoneCallback o -> {
        line(i, "if (fut[" + o.fid() + "] != null) {");
        callback(i + 1, "fut[" + o.fid() + "].addDoneCallback(d" + o.id() + " -> {", o.id(), o.body(), "});");
        line(i, "}");
      }
      case Op.Complete o -> line(i, "if (fut[" + o.fid() + "] != null && !fut[" + o.fid() + "].done()) { fut["
          + o.fid() + "]." + switch (o.how()) {
        case RESULT -> "setResult(\"f" + o.fid() + "\")";
        case EXCEPTION -> "setException(new RuntimeException(\"f" + o.fid() + "\"))";
        case CANCEL -> "cancel()";
      } + "; }");
      case Op.NewTask o -> {
        line(i, "task[" + o.tid() + "] = loop.createTask(() -> {");
        line(i + 1, "log.add(\"t" + o.tid() + " begins\");");
        ops(i + 1, o.body(), o.tid());
        line(i + 1, "return \"t" + o.tid() + "\";");
        line(i, "});");
      }
      case Op.CancelTask o -> line(i, "if (task[" + o.tid() + "] != null) { task[" + o.tid() + "].cancel(); }");
      case Op.Sleep o -> line(i, "Async.sleep(" + AstPrinter.num(o.seconds()) + ");");
      case Op.AwaitFuture o -> await(i, task, "fut[" + o.fid() + "]");
      case Op.AwaitTask o -> await(i, task, "task[" + o.tid() + "]");
      case Op.InExecutor o -> callback(i, "loop.runInExecutor(null, () -> \"j" + o.id()
          + "\").addDoneCallback(d" + o.id() + " -> {", o.id(), o.body(), "});");
      case Op.AwaitJob o -> await(i, task, "loop.runInExecutor(null, () -> \"j" + o.id() + "\")");
      case Op.Stop o -> line(i, "loop.stop();");
    }
  }

  private void await(int i, int task, String future) {
    String t = "t" + task;
    if (future.endsWith("]")) {
      line(i, "if (" + future + " != null) {");
      i++;
    }
    line(i, "try {");
    line(i + 1, "log.add(\"" + t + " got \" + Async.await(" + future + "));");
    line(i, "} catch (CancelledException e) {");
    line(i + 1, "log.add(\"" + t + " cancelled\");");
    line(i + 1, "throw e;");
    line(i, "} catch (RuntimeException e) {");
    line(i + 1, "log.add(\"" + t + " got \" + e);");
    line(i, "}");
    if (future.endsWith("]")) {
      line(i - 1, "}");
    }
  }

  private void line(int indent, String text) {
    out.append("  ".repeat(indent)).append(text).append('\n');
  }
}
