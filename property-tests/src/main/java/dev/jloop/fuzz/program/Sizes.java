package dev.jloop.fuzz.program;

/** Array sizes the printers need: highest callback, future and task ids, plus one. */
final class Sizes {
  private Sizes() {}

  static int[] of(Program p) {
    int[] n = {1, 1, 1};
    for (Op op : p.flatten()) {
      switch (op) {
        case Op.CallSoon o -> n[0] = Math.max(n[0], o.id() + 1);
        case Op.CallLater o -> n[0] = Math.max(n[0], o.id() + 1);
        case Op.CallAt o -> n[0] = Math.max(n[0], o.id() + 1);
        case Op.Cancel o -> n[0] = Math.max(n[0], o.target() + 1);
        case Op.NewFuture o -> n[1] = Math.max(n[1], o.fid() + 1);
        case Op.AddDoneCallback o -> n[1] = Math.max(n[1], o.fid() + 1);
        case Op.Complete o -> n[1] = Math.max(n[1], o.fid() + 1);
        case Op.AwaitFuture o -> n[1] = Math.max(n[1], o.fid() + 1);
        case Op.NewTask o -> n[2] = Math.max(n[2], o.tid() + 1);
        case Op.CancelTask o -> n[2] = Math.max(n[2], o.tid() + 1);
        case Op.AwaitTask o -> n[2] = Math.max(n[2], o.tid() + 1);
        default -> { }
      }
    }
    return n;
  }
}
