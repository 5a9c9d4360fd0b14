package dev.jloop.fuzz.internal;

import dev.jloop.fuzz.program.Op;

/** How the interpreters name ops in error events. */
final class OpNames {
  private OpNames() {}

  /** The asyncio call an op makes, e.g. {@code call_later}. */
  static String name(Op op) {
    return switch (op) {
      case Op.CallSoon o -> "call_soon";
      case Op.CallLater o -> "call_later";
      case Op.CallAt o -> "call_at";
      case Op.Threadsafe o -> "call_soon_threadsafe";
      case Op.Cancel o -> "Handle.cancel";
      case Op.NewFuture o -> "create_future";
      case Op.AddDoneCallback o -> "Future.add_done_callback";
      case Op.Complete o -> "Future.set_result";
      case Op.NewTask o -> "create_task";
      case Op.CancelTask o -> "Task.cancel";
      case Op.Sleep o -> "sleep";
      case Op.AwaitFuture o -> "await future";
      case Op.AwaitTask o -> "await task";
      case Op.InExecutor o -> "run_in_executor";
      case Op.AwaitJob o -> "run_in_executor";
      case Op.Stop o -> "stop";
    };
  }

  /** The callback id an op schedules, or -1. */
  static int callbackId(Op op) {
    return switch (op) {
      case Op.CallSoon o -> o.id();
      case Op.CallLater o -> o.id();
      case Op.CallAt o -> o.id();
      case Op.Threadsafe o -> o.id();
      case Op.AddDoneCallback o -> o.id();
      case Op.InExecutor o -> o.id();
      default -> -1;
    };
  }
}
