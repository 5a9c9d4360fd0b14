package dev.jloop.fuzz.program;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apiguardian.api.API;

/**
 * Programs as JSON, the form the Python driver reads: {@code {"ops": [...]}}, each op an object
 * with {@code "op"} (soon, later, at, threadsafe, cancel, future, done, complete, task,
 * cancelTask, sleep, awaitFuture, awaitTask, executor, awaitJob, stop), its ids and numbers, and
 * {@code "body"} when it has one.
 */
@API(status = API.Status.STABLE, since = "0.1")
public final class ProgramJson {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private ProgramJson() {}

  /** {@code p} as a JSON object. */
  public static ObjectNode write(Program p) {
    ObjectNode o = F.objectNode();
    o.set("ops", ops(p.ops()));
    return o;
  }

  private static ArrayNode ops(List<Op> ops) {
    ArrayNode a = F.arrayNode();
    for (Op op : ops) {
      a.add(op(op));
    }
    return a;
  }

  private static ObjectNode op(Op op) {
    ObjectNode o = F.objectNode();
    switch (op) {
      case Op.CallSoon x -> o.put("op", "soon").put("id", x.id());
      case Op.CallLater x -> o.put("op", "later").put("id", x.id()).put("delay", x.delay());
      case Op.CallAt x -> o.put("op", "at").put("id", x.id()).put("offset", x.offset());
      case Op.Threadsafe x -> o.put("op", "threadsafe").put("id", x.id());
      case Op.Cancel x -> o.put("op", "cancel").put("target", x.target());
      case Op.NewFuture x -> o.put("op", "future").put("fid", x.fid());
      case Op.AddDoneCallback x -> o.put("op", "done").put("fid", x.fid()).put("id", x.id());
      case Op.Complete x -> o.put("op", "complete").put("fid", x.fid())
          .put("how", x.how().name().toLowerCase(Locale.ROOT));
      case Op.NewTask x -> o.put("op", "task").put("tid", x.tid());
      case Op.CancelTask x -> o.put("op", "cancelTask").put("tid", x.tid());
      case Op.Sleep x -> o.put("op", "sleep").put("seconds", x.seconds());
      case Op.AwaitFuture x -> o.put("op", "awaitFuture").put("fid", x.fid());
      case Op.AwaitTask x -> o.put("op", "awaitTask").put("tid", x.tid());
      case Op.InExecutor x -> o.put("op", "executor").put("id", x.id());
      case Op.AwaitJob x -> o.put("op", "awaitJob").put("id", x.id());
      case Op.Stop x -> o.put("op", "stop");
    }
    if (!op.body().isEmpty()) {
      o.set("body", ops(op.body()));
    }
    return o;
  }

  /**
   * Reads a program written by {@link #write}.
   *
   * @throws IllegalArgumentException naming the op that is malformed
   */
  public static Program read(JsonNode json) {
    JsonNode ops = json.get("ops");
    if (ops == null || !ops.isArray()) {
      throw new IllegalArgumentException("a program needs an \"ops\" array: " + json);
    }
    return new Program(readOps(ops));
  }

  private static List<Op> readOps(JsonNode array) {
    List<Op> out = new ArrayList<>();
    for (JsonNode n : array) {
      out.add(readOp(n));
    }
    return out;
  }

  private static Op readOp(JsonNode n) {
    List<Op> body = n.has("body") ? readOps(n.get("body")) : List.of();
    String kind = n.path("op").asText("");
    return switch (kind) {
      case "soon" -> new Op.CallSoon(num(n, "id"), body);
      case "later" -> new Op.CallLater(num(n, "id"), real(n, "delay"), body);
      case "at" -> new Op.CallAt(num(n, "id"), real(n, "offset"), body);
      case "threadsafe" -> new Op.Threadsafe(num(n, "id"), body);
      case "cancel" -> new Op.Cancel(num(n, "target"));
      case "future" -> new Op.NewFuture(num(n, "fid"));
      case "done" -> new Op.AddDoneCallback(num(n, "fid"), num(n, "id"), body);
      case "complete" -> new Op.Complete(num(n, "fid"),
          Op.Outcome.valueOf(n.path("how").asText("").toUpperCase(Locale.ROOT)));
      case "task" -> new Op.NewTask(num(n, "tid"), body);
      case "cancelTask" -> new Op.CancelTask(num(n, "tid"));
      case "sleep" -> new Op.Sleep(real(n, "seconds"));
      case "awaitFuture" -> new Op.AwaitFuture(num(n, "fid"));
      case "awaitTask" -> new Op.AwaitTask(num(n, "tid"));
      case "executor" -> new Op.InExecutor(num(n, "id"), body);
      case "awaitJob" -> new Op.AwaitJob(num(n, "id"));
      case "stop" -> new Op.Stop();
      default -> throw new IllegalArgumentException("unknown op '" + kind + "' in " + n);
    };
  }

  private static int num(JsonNode n, String field) {
    JsonNode v = n.get(field);
    if (v == null || !v.canConvertToInt()) {
      throw new IllegalArgumentException("op needs an integer \"" + field + "\": " + n);
    }
    return v.asInt();
  }

  private static double real(JsonNode n, String field) {
    JsonNode v = n.get(field);
    if (v == null || !v.isNumber()) {
      throw new IllegalArgumentException("op needs a number \"" + field + "\": " + n);
    }
    return v.asDouble();
  }
}
