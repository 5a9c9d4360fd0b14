package dev.jloop.reference.internal;

import dev.jloop.Handle;
import dev.jloop.reference.SelectorEventLoop;
import dev.jloop.reference.SelectorIoHandler;
import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.util.Objects;

/**
 * The reader and writer callbacks of one channel on a loop's selector: the part of asyncio's
 * {@code _add_reader}/{@code _add_writer} that the datagram, pipe and datagram {@code sock_*}
 * code needs. The selection key's attachment is this object.
 *
 * <p>As in asyncio's {@code _process_events}, a ready channel does not run its callback at once:
 * the callback's {@link Handle} joins the loop's ready queue, and removing the callback cancels
 * that handle, so a callback removed earlier in the same pass does not run. The key is never
 * cancelled while the channel is open (its interest set drops to 0 instead), so a channel can
 * be watched again at once. Loop thread only.
 */
public final class ChannelWatch implements SelectorIoHandler.KeyHandler {
  private final SelectorEventLoop loop;
  private final SelectableChannel channel;
  private final SelectionKey key;
  private final int readOp;
  private Object owner;
  private Handle reader;
  private Handle writer;

  private ChannelWatch(SelectorEventLoop loop, SelectableChannel channel) throws ClosedChannelException {
    this.loop = loop;
    this.channel = channel;
    this.readOp = channel.validOps() & (SelectionKey.OP_READ | SelectionKey.OP_ACCEPT);
    this.key = channel.register(selectorHandler(loop).selector(), 0, this);
  }

  /**
   * The watch of {@code channel} on {@code loop}, registering the (non-blocking) channel on
   * first use.
   *
   * @throws IllegalStateException if the channel's key on this selector belongs to other code
   * @throws IllegalArgumentException if the channel is closed or blocking
   */
  public static ChannelWatch of(SelectorEventLoop loop, SelectableChannel channel) {
    Objects.requireNonNull(channel, "channel");
    SelectionKey existing = channel.keyFor(selectorHandler(loop).selector());
    if (existing != null && existing.isValid()) {
      if (existing.attachment() instanceof ChannelWatch w) {
        return w;
      }
      throw new IllegalStateException("channel is registered by other code on this loop: " + channel);
    }
    if (channel.isBlocking()) {
      throw new IllegalArgumentException("the channel must be non-blocking: " + channel);
    }
    try {
      return new ChannelWatch(loop, channel);
    } catch (ClosedChannelException | java.nio.channels.CancelledKeyException e) {
      throw new IllegalArgumentException("the channel is closed: " + channel, e);
    }
  }

  /**
   * The watch of {@code channel}, claimed by the transport {@code owner}; asyncio keeps the same
   * record in {@code loop._transports}.
   *
   * @throws IllegalStateException if another transport owns the channel
   */
  public static ChannelWatch claim(SelectorEventLoop loop, SelectableChannel channel, Object owner) {
    ChannelWatch w = of(loop, channel);
    if (w.owner != null && w.owner != owner) {
      throw new IllegalStateException("channel " + channel + " is used by transport " + w.owner);
    }
    w.owner = owner;
    return w;
  }

  /**
   * The watch of {@code channel} for a one-off {@code sock_*} operation, asyncio's
   * {@code _ensure_fd_no_transport}.
   *
   * @throws IllegalStateException if a transport owns the channel
   */
  public static ChannelWatch forSockOp(SelectorEventLoop loop, SelectableChannel channel) {
    ChannelWatch w = of(loop, channel);
    if (w.owner != null) {
      throw new IllegalStateException("channel " + channel + " is used by transport " + w.owner);
    }
    return w;
  }

  private static SelectorIoHandler selectorHandler(SelectorEventLoop loop) {
    if (loop.ioHandler() instanceof SelectorIoHandler h) {
      return h;
    }
    throw new UnsupportedOperationException(
        "channel I/O needs a SelectorIoHandler, not " + loop.ioHandler());
  }

  /** Releases the ownership taken with {@link #claim} (the transport closed the channel). */
  public void release(Object transport) {
    if (owner == transport) {
      owner = null;
    }
  }

  /**
   * The transport is done with the channel: releases its claim and closes the channel, as
   * asyncio's {@code _call_connection_lost} closes the socket or pipe. A failed close is ignored:
   * the channel is gone either way.
   */
  public void releaseAndClose(Object transport) {
    release(transport);
    try {
      channel.close();
    } catch (IOException ignored) {
      // nothing left to tell anyone
    }
  }

  /** Calls {@code callback} whenever the channel is readable; replaces the previous reader. */
  public Handle setReader(Runnable callback) {
    if (reader != null) {
      reader.cancel();
    }
    reader = new Handle(loop, callback);
    update();
    return reader;
  }

  /** Calls {@code callback} whenever the channel is writable; replaces the previous writer. */
  public Handle setWriter(Runnable callback) {
    if (writer != null) {
      writer.cancel();
    }
    writer = new Handle(loop, callback);
    update();
    return writer;
  }

  /** Removes the reader; returns whether there was one. */
  public boolean removeReader() {
    return removeReader(reader);
  }

  /** Removes the reader if it is still {@code handle} (asyncio's {@code _sock_read_done}). */
  public boolean removeReader(Handle handle) {
    if (reader == null || reader != handle) {
      return false;
    }
    reader.cancel();
    reader = null;
    update();
    return true;
  }

  /** Removes the writer; returns whether there was one. */
  public boolean removeWriter() {
    return removeWriter(writer);
  }

  /** Removes the writer if it is still {@code handle}. */
  public boolean removeWriter(Handle handle) {
    if (writer == null || writer != handle) {
      return false;
    }
    writer.cancel();
    writer = null;
    update();
    return true;
  }

  /** Whether a reader is set. */
  public boolean hasReader() {
    return reader != null;
  }

  /** Whether a writer is set. */
  public boolean hasWriter() {
    return writer != null;
  }

  private void update() {
    if (!key.isValid()) {
      return;
    }
    int ops = (reader != null ? readOp : 0) | (writer != null ? SelectionKey.OP_WRITE : 0);
    key.interestOps(ops & channel.validOps());
  }

  @Override
  public void ready(SelectionKey k) {
    int ops = k.readyOps();
    if ((ops & readOp) != 0 && reader != null) {
      loop.addReady(reader);
    }
    if ((ops & SelectionKey.OP_WRITE) != 0 && writer != null) {
      loop.addReady(writer);
    }
  }

  @Override
  public String toString() {
    return "ChannelWatch[" + channel + (owner != null ? ", owner=" + owner : "") + "]";
  }
}
