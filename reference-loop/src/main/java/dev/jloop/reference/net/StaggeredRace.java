package dev.jloop.reference.net;

import dev.jloop.Future;
import dev.jloop.TimerHandle;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * asyncio's {@code staggered_race} for happy eyeballs (RFC 8305): attempt 0 starts at once;
 * attempt i+1 starts when attempt i fails or {@code delay} seconds after attempt i started,
 * whichever comes first. The first socket to connect wins and every other attempt is
 * cancelled (a loser that connected anyway is closed). The future completes with {@code null}
 * when all attempts failed (their errors are the caller's to collect). Cancelling it cancels
 * every attempt. Loop thread only.
 */
final class StaggeredRace {
  private final NetContext ctx;
  private final List<Supplier<Future<SocketChannel>>> attempts;
  private final double delay;
  private final List<Future<SocketChannel>> running = new ArrayList<>();
  private final Future<SocketChannel> result;
  private TimerHandle timer;
  private int finished;

  private StaggeredRace(NetContext ctx, List<Supplier<Future<SocketChannel>>> attempts, double delay) {
    this.ctx = ctx;
    this.attempts = attempts;
    this.delay = delay;
    this.result = ctx.loop.createFuture();
  }

  static Future<SocketChannel> start(
      NetContext ctx, List<Supplier<Future<SocketChannel>>> attempts, double delay) {
    StaggeredRace race = new StaggeredRace(ctx, attempts, delay);
    race.result.addDoneCallback(r -> race.stopAll());
    race.launchNext();
    return race.result;
  }

  private void launchNext() {
    if (result.done() || running.size() == attempts.size()) {
      return;
    }
    int index = running.size();
    Future<SocketChannel> f = attempts.get(index).get();
    running.add(f);
    if (timer != null) {
      timer.cancel();
    }
    timer = running.size() < attempts.size() ? ctx.loop.callLater(delay, this::launchNext) : null;
    f.addDoneCallback(done -> onDone(index, done));
  }

  private void onDone(int index, Future<SocketChannel> f) {
    finished++;
    boolean won = !f.cancelled() && f.exception() == null;
    if (result.done()) {
      if (won) {
        Connector.closeQuietly(f.result()); // connected too late
      }
      return;
    }
    if (won) {
      result.setResult(f.result());
      return;
    }
    if (index == running.size() - 1 && running.size() < attempts.size()) {
      launchNext(); // the latest attempt failed: start the next one now
    } else if (finished == attempts.size()) {
      result.setResult(null);
    }
  }

  private void stopAll() {
    if (timer != null) {
      timer.cancel();
      timer = null;
    }
    for (Future<SocketChannel> f : running) {
      f.cancel();
    }
  }
}
