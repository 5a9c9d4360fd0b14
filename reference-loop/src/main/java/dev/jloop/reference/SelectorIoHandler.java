package dev.jloop.reference;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * An {@link IoHandler} on a JDK NIO {@link Selector}. Each registered key's attachment is a
 * {@link KeyHandler} that is told about the key's ready operations.
 */
public final class SelectorIoHandler implements IoHandler {
  /** Receives the ready operations of one selection key, on the loop thread. */
  @FunctionalInterface
  public interface KeyHandler {
    /** {@code key.readyOps()} holds what is ready; the key may have been cancelled meanwhile. */
    void ready(SelectionKey key);
  }

  private final Selector selector;
  private static final Consumer<SelectionKey> IGNORE = key -> { };

  private final Consumer<SelectionKey> dispatcher = this::dispatch;
  private boolean closed;

  /** Opens a selector. */
  public SelectorIoHandler() {
    try {
      selector = Selector.open();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open a Selector", e);
    }
  }

  /** The selector, for registering channels; loop thread only. */
  public Selector selector() {
    return selector;
  }

  /** Whether any channel is registered with the selector. */
  @Override
  public boolean hasRegistrations() {
    return !selector.keys().isEmpty();
  }

  /**
   * A selection that reports nothing: the selector closes the descriptors of channels closed
   * while registered only when it next selects. Ready channels stay ready (the JDK's selectors
   * are level-triggered) and are reported by the next poll.
   */
  @Override
  public void releaseClosed() throws IOException {
    if (!selector.keys().isEmpty()) {
      selector.selectNow(IGNORE);
    }
  }

  @Override
  public int poll(long timeoutNanos) throws IOException {
    if (timeoutNanos == 0) {
      // Nothing registered, nothing to report: skip the system call. A wake-up left pending
      // by this only makes the next blocking poll return at once.
      return selector.keys().isEmpty() ? 0 : selector.selectNow(dispatcher);
    }
    if (timeoutNanos < 0) {
      return selector.select(dispatcher);
    }
    // Round up to whole milliseconds: waking early would only cost one more pass.
    long ms = TimeUnit.NANOSECONDS.toMillis(Math.min(timeoutNanos, Long.MAX_VALUE - 999_999) + 999_999);
    return selector.select(dispatcher, ms);
  }

  private void dispatch(SelectionKey key) {
    Object att = key.attachment();
    if (att instanceof KeyHandler h && key.isValid()) {
      h.ready(key);
    }
  }

  @Override
  public void wakeup() {
    selector.wakeup();
  }

  /** Whether {@link #close()} was called. */
  public boolean isClosed() {
    return closed;
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      selector.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
