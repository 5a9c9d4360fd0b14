package dev.jloop.tck.mutants;

import dev.jloop.Handle;
import dev.jloop.TimerHandle;
import dev.jloop.reference.SelectorEventLoop;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.Pipe;

/**
 * Providers and loops broken beyond the rules: a provider that cannot create a loop, loops that
 * hang in close or leak, and two that throw UnsupportedOperationException (one honestly, one
 * from a method the scenario does not list).
 */
public final class BrokenProviders {
  private BrokenProviders() {}

  /** newLoop() throws. */
  public static final class Throwing extends MutantProvider {
    public Throwing() {
      super("throwing-provider", () -> {
        throw new IllegalStateException("no loop today");
      });
    }
  }

  /** close() never returns. */
  public static final class HangInClose extends MutantProvider {
    public HangInClose() {
      super("hang-in-close", () -> new SelectorEventLoop() {
        @Override
        public void close() {
          while (true) {
            try {
              Thread.sleep(Long.MAX_VALUE);
            } catch (InterruptedException ignored) {
              // the mutation: keep hanging
            }
          }
        }
      });
    }
  }

  /** close() leaves a pipe open. */
  public static final class LeakyPipe extends MutantProvider {
    public LeakyPipe() {
      super("leaky-pipe", () -> {
        try {
          Pipe pipe = Pipe.open();
          return new SelectorEventLoop() {
            @Override
            public String toString() {
              return "leaky loop holding " + pipe;
            }
          };
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    }
  }

  /** Every loop starts a helper thread that close() never stops. */
  public static final class LeakyThread extends MutantProvider {
    public LeakyThread() {
      super("leaky-thread", () -> {
        Thread helper = new Thread(() -> {
          try {
            Thread.sleep(60_000);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        }, "jloop-mutant-helper");
        helper.setDaemon(true);
        helper.start();
        return new SelectorEventLoop();
      });
    }
  }

  /** call_at is not implemented (honestly: UnsupportedOperationException from callAt). */
  public static final class NoTimers extends MutantProvider {
    public NoTimers() {
      super("no-timers", () -> new SelectorEventLoop() {
        @Override
        public TimerHandle callAt(double when, Runnable callback) {
          throw new UnsupportedOperationException("call_at");
        }
      });
    }
  }

  /** call_soon throws UnsupportedOperationException, which no scenario may count as optional. */
  public static final class NoCallSoon extends MutantProvider {
    public NoCallSoon() {
      super("no-call-soon", () -> new SelectorEventLoop() {
        @Override
        public Handle callSoon(Runnable callback) {
          throw new UnsupportedOperationException("call_soon");
        }
      });
    }
  }
}
