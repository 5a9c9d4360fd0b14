package dev.jloop.reference.internal.signals;

import dev.jloop.EventLoop;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * asyncio's {@code add_signal_handler}/{@code remove_signal_handler} on {@link Signal}.
 *
 * <p>The JVM runs a signal's handler on a thread of its own; the handler here only hands the
 * callback to the loop with {@code callSoonThreadsafe}, which wakes a loop blocked in select,
 * so the callback runs on the loop thread as in asyncio. Adding a handler installs it with the
 * JVM and keeps the handler it replaced; removing it (or closing the loop) puts that one back.
 * Several signals arriving before the loop runs the callback may run it several times or once,
 * as in asyncio (the OS may merge pending signals).
 *
 * <p>Signals the JVM uses itself ({@code SIGQUIT} for thread dumps, {@code SIGSEGV},
 * {@code SIGFPE}, {@code SIGILL}) and those no process can catch ({@code SIGKILL},
 * {@code SIGSTOP}) are refused by the JVM; that becomes an {@link IllegalArgumentException}
 * naming the signal. Loop thread only.
 */
public final class SignalHandlers {
  private record Installed(Runnable callback, SignalHandler previous) {}

  private final EventLoop loop;
  private final Map<String, Installed> installed = new HashMap<>();

  public SignalHandlers(EventLoop loop) {
    this.loop = loop;
  }

  public void add(int signal, Runnable callback) {
    install(SignalNames.name(signal), callback);
  }

  public void add(String signal, Runnable callback) {
    Objects.requireNonNull(signal, "signal");
    install(SignalNames.canonical(signal), callback);
  }

  private void install(String name, Runnable callback) {
    Objects.requireNonNull(callback, "callback");
    Signal sig = new Signal(name);
    SignalHandler replaced;
    try {
      replaced = Signal.handle(sig, s -> deliver(callback));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "SIG" + name + " (" + sig.getNumber() + ") cannot be caught by the JVM: " + e.getMessage(), e);
    }
    Installed old = installed.get(name);
    // keep the handler from before this loop's first one, so that remove() restores it
    installed.put(name, new Installed(callback, old != null ? old.previous() : replaced));
  }

  private void deliver(Runnable callback) {
    try {
      loop.callSoonThreadsafe(callback);
    } catch (IllegalStateException closed) {
      // the loop closed between the signal and this hand-over; nobody runs callbacks any more
    }
  }

  public boolean remove(int signal) {
    return removeCanonical(SignalNames.name(signal));
  }

  public boolean remove(String signal) {
    Objects.requireNonNull(signal, "signal");
    return removeCanonical(SignalNames.canonical(signal));
  }

  private boolean removeCanonical(String name) {
    Installed i = installed.remove(name);
    if (i == null) {
      return false;
    }
    Signal.handle(new Signal(name), i.previous());
    return true;
  }

  /** Whether a handler of this loop is installed for {@code signal}; for tests and debugging. */
  public boolean has(int signal) {
    return installed.containsKey(SignalNames.name(signal));
  }

  /** Removes every handler, as asyncio's loop {@code close()} does. */
  public void removeAll() {
    for (String name : installed.keySet().toArray(new String[0])) {
      removeCanonical(name);
    }
  }
}
