package dev.jloop.fuzz.program;

import java.util.List;
import java.util.Locale;
import org.apiguardian.api.API;

/**
 * Prints a program as Java that builds it with {@link Ops}: the exact, replayable form, e.g.
 * {@code Program.of(soon(1, later(2, 0.005)), cancel(2))}.
 */
@API(status = API.Status.STABLE, since = "0.1")
public final class AstPrinter {
  private AstPrinter() {}

  /** The program as a Java expression, one root op per line. */
  public static String print(Program p) {
    StringBuilder b = new StringBuilder("Program.of(");
    List<Op> ops = p.ops();
    for (int i = 0; i < ops.size(); i++) {
      b.append("\n    ").append(op(ops.get(i))).append(i + 1 < ops.size() ? "," : "");
    }
    return b.append(")").toString();
  }

  /** One op and its body as a Java expression. */
  public static String op(Op op) {
    return switch (op) {
      case Op.CallSoon o -> call("soon", o.body(), o.id());
      case Op.CallLater o -> call("later", o.body(), o.id(), num(o.delay()));
      case Op.CallAt o -> call("at", o.body(), o.id(), num(o.offset()));
      case Op.Threadsafe o -> call("threadsafe", o.body(), o.id());
      case Op.Cancel o -> call("cancel", List.of(), o.target());
      case Op.NewFuture o -> call("future", List.of(), o.fid());
      case Op.AddDoneCallback o -> call("onDone", o.body(), o.fid(), o.id());
      case Op.Complete o -> call(switch (o.how()) {
        case RESULT -> "setResult";
        case EXCEPTION -> "setException";
        case CANCEL -> "cancelFuture";
      }, List.of(), o.fid());
      case Op.NewTask o -> call("task", o.body(), o.tid());
      case Op.CancelTask o -> call("cancelTask", List.of(), o.tid());
      case Op.Sleep o -> call("sleep", List.of(), num(o.seconds()));
      case Op.AwaitFuture o -> call("awaitFuture", List.of(), o.fid());
      case Op.AwaitTask o -> call("awaitTask", List.of(), o.tid());
      case Op.InExecutor o -> call("executor", o.body(), o.id());
      case Op.AwaitJob o -> call("awaitJob", List.of(), o.id());
      case Op.Stop o -> "stop()";
    };
  }

  private static String call(String name, List<Op> body, Object... args) {
    StringBuilder b = new StringBuilder(name).append('(');
    for (int i = 0; i < args.length; i++) {
      b.append(i > 0 ? ", " : "").append(args[i]);
    }
    for (Op op : body) {
      b.append(", ").append(op(op));
    }
    return b.append(')').toString();
  }

  /** A number of seconds as a literal that Java and Python both read back exactly. */
  static String num(double d) {
    String s = String.format(Locale.ROOT, "%.4f", d);
    while (s.endsWith("0") && !s.endsWith(".0")) {
      s = s.substring(0, s.length() - 1);
    }
    return Double.parseDouble(s) == d ? s : Double.toString(d);
  }
}
