package dev.jloop.reference;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.concurrent.TimeUnit;

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

  @Override
  public int poll(long timeoutNanos) throws IOException {
    int n;
    if (timeoutNanos == 0) {
      n = selector.selectNow(this::dispatch);
    } else if (timeoutNanos < 0) {
      n = selector.select(this::dispatch);
    } else {
      // Round up: waking early would only spin the loop once more before the timer is due.
      long ms = Math.max(1, TimeUnit.NANOSECONDS.toMillis(timeoutNanos + 999_999));
      n = selector.select(this::dispatch, ms);
    }
    return n;
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
