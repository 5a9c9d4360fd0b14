package dev.jloop.fuzz.program;

import dev.jloop.fuzz.prop.Shrinker;
import dev.jloop.fuzz.prop.Shrinkers;
import java.util.List;
import java.util.stream.Stream;
import org.apiguardian.api.API;

/**
 * Shrinking phases for programs, in the order the {@link dev.jloop.fuzz.prop.Minimizer} runs
 * them: first drop ops (chunks then single ops, the root list first, then inside bodies), then
 * simplify (flatten a callback into its parent, turn a timer, thread, executor or done callback
 * into a plain call_soon, move delays toward 0, complete futures with a result). Only valid
 * programs are proposed.
 */
@API(status = API.Status.STABLE, since = "0.1")
public final class ProgramShrinker {
  private static final Shrinker<Double> DELAYS = Shrinkers.toward(0.0, 0.001, 0.002, 0.005);

  private ProgramShrinker() {}

  /** The phases: drops, then simplifications. */
  public static List<Shrinker<Program>> phases() {
    return List.of(onPrograms(ProgramShrinker::drops), onPrograms(ProgramShrinker::simplifications));
  }

  private static Shrinker<Program> onPrograms(Shrinker<List<Op>> ops) {
    return p -> ops.candidates(p.ops()).map(Program::new).filter(Program::valid);
  }

  private static Stream<List<Op>> drops(List<Op> ops) {
    return Stream.concat(
        Shrinkers.<Op>removals().candidates(ops),
        Shrinkers.<Op>elements(op -> op.body().isEmpty()
            ? Stream.empty() : drops(op.body()).map(op::withBody)).candidates(ops));
  }

  private static Stream<List<Op>> simplifications(List<Op> ops) {
    return Stream.concat(
        Shrinkers.<Op>splices(op -> op.body().isEmpty() ? Stream.empty() : Stream.of(op.body()))
            .candidates(ops),
        Shrinkers.<Op>elements(ProgramShrinker::simpler).candidates(ops));
  }

  /** Simpler forms of one op: its kind, its numbers, then its body. */
  private static Stream<Op> simpler(Op op) {
    Stream<Op> own = switch (op) {
      case Op.CallLater o -> Stream.concat(Stream.of(new Op.CallSoon(o.id(), o.body())),
          DELAYS.candidates(o.delay()).map(d -> new Op.CallLater(o.id(), d, o.body())));
      case Op.CallAt o -> Stream.concat(Stream.of(new Op.CallSoon(o.id(), o.body())),
          DELAYS.candidates(o.offset()).map(d -> new Op.CallAt(o.id(), d, o.body())));
      case Op.Threadsafe o -> Stream.of(new Op.CallSoon(o.id(), o.body()));
      case Op.InExecutor o -> Stream.of(new Op.CallSoon(o.id(), o.body()));
      case Op.AddDoneCallback o -> Stream.of(new Op.CallSoon(o.id(), o.body()));
      case Op.Complete o when o.how() != Op.Outcome.RESULT ->
          Stream.of(new Op.Complete(o.fid(), Op.Outcome.RESULT));
      case Op.Sleep o -> DELAYS.candidates(o.seconds()).map(Op.Sleep::new);
      case Op.AwaitJob o -> Stream.of(new Op.Sleep(0));
      default -> Stream.empty();
    };
    Stream<Op> inside = op.body().isEmpty()
        ? Stream.empty() : simplifications(op.body()).map(op::withBody);
    return Stream.concat(own, inside);
  }
}
