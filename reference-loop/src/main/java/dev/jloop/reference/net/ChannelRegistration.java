package dev.jloop.reference.net;

import dev.jloop.Handle;
import dev.jloop.reference.SelectorIoHandler;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;

/**
 * One channel's registration with the loop's selector: asyncio's {@code (reader, writer)} pair
 * of handles in the selector key's data. A ready event queues the handle on the loop's ready
 * queue (asyncio's {@code _process_events}); a cancelled handle is dropped instead.
 *
 * <p>The key stays registered (with no interest) when both handles are removed, so that
 * re-adding a handle never meets a cancelled key; it goes away when the channel is closed.
 * Loop thread only.
 */
final class ChannelRegistration implements SelectorIoHandler.KeyHandler {
  private final NetContext ctx;
  private final SelectableChannel channel;
  private final SelectionKey key;
  private final int readOp;
  private Handle reader;
  private Handle writer;
  /** The transport or server that owns the channel, or {@code null}. */
  private Object owner;

  private ChannelRegistration(NetContext ctx, SelectableChannel channel)
      throws ClosedChannelException {
    this.ctx = ctx;
    this.channel = channel;
    this.readOp = (channel.validOps() & SelectionKey.OP_ACCEPT) != 0
        ? SelectionKey.OP_ACCEPT : SelectionKey.OP_READ;
    this.key = channel.register(ctx.selector, 0, this);
  }

  /**
   * The registration of {@code channel}, made on first use.
   *
   * @throws IllegalArgumentException if the channel is closed or in blocking mode
   */
  static ChannelRegistration of(NetContext ctx, SelectableChannel channel) {
    SelectionKey k = channel.keyFor(ctx.selector);
    if (k != null && k.isValid() && k.attachment() instanceof ChannelRegistration r) {
      return r;
    }
    if (!channel.isOpen()) {
      throw new IllegalArgumentException("the channel is closed: " + channel);
    }
    if (channel.isBlocking()) {
      throw new IllegalArgumentException("the channel must be in non-blocking mode: " + channel);
    }
    try {
      return new ChannelRegistration(ctx, channel);
    } catch (ClosedChannelException e) {
      throw new IllegalArgumentException("the channel is closed: " + channel, e);
    }
  }

  /** The registration of {@code channel} if it has one, else {@code null}. */
  static ChannelRegistration find(NetContext ctx, SelectableChannel channel) {
    SelectionKey k = channel.keyFor(ctx.selector);
    return k != null && k.isValid() && k.attachment() instanceof ChannelRegistration r ? r : null;
  }

  /** asyncio's {@code _ensure_fd_no_transport}: user callbacks may not touch a transport's channel. */
  void ensureNoTransport() {
    if (owner instanceof SelectorTransport t && !t.isClosing()) {
      throw new IllegalStateException("the channel is used by transport " + t);
    }
  }

  void setOwner(Object owner) {
    this.owner = owner;
  }

  /** Sets the reader handle, cancelling the one it replaces. */
  void setReader(Handle h) {
    Handle old = reader;
    reader = h;
    if (old != null && old != h) {
      old.cancel();
    }
    updateInterest();
  }

  /** Sets the writer handle, cancelling the one it replaces. */
  void setWriter(Handle h) {
    Handle old = writer;
    writer = h;
    if (old != null && old != h) {
      old.cancel();
    }
    updateInterest();
  }

  /**
   * Removes the reader but leaves the handle usable (a transport re-adds its own); returns
   * whether one was set.
   */
  boolean removeReader() {
    Handle old = reader;
    if (old == null) {
      return false;
    }
    reader = null;
    updateInterest();
    return true;
  }

  /** Removes the writer but leaves the handle usable; returns whether one was set. */
  boolean removeWriter() {
    Handle old = writer;
    if (old == null) {
      return false;
    }
    writer = null;
    updateInterest();
    return true;
  }

  /** Removes the reader and cancels it, so that a run already queued is skipped (asyncio). */
  boolean removeAndCancelReader() {
    Handle old = reader;
    boolean had = removeReader();
    if (old != null) {
      old.cancel();
    }
    return had;
  }

  /** Removes the writer and cancels it, as {@link #removeAndCancelReader()}. */
  boolean removeAndCancelWriter() {
    Handle old = writer;
    boolean had = removeWriter();
    if (old != null) {
      old.cancel();
    }
    return had;
  }

  Handle reader() {
    return reader;
  }

  Handle writer() {
    return writer;
  }

  /**
   * Recomputes the key's interest. A socket whose connect is pending is watched with
   * {@code OP_CONNECT}, since NIO reports nothing for {@code OP_WRITE} before the connect ends.
   */
  void updateInterest() {
    if (!key.isValid()) {
      return;
    }
    int ops = 0;
    if (reader != null) {
      ops |= readOp;
    }
    if (writer != null) {
      ops |= channel instanceof SocketChannel sc && sc.isConnectionPending()
          ? SelectionKey.OP_CONNECT : SelectionKey.OP_WRITE;
    }
    if (key.interestOps() != ops) {
      key.interestOps(ops);
    }
  }

  @Override
  public void ready(SelectionKey k) {
    int ops = k.readyOps();
    if ((ops & readOp) != 0 && reader != null) {
      if (reader.cancelled()) {
        removeReader();
      } else {
        ctx.loop.addReady(reader);
      }
    }
    if ((ops & (SelectionKey.OP_WRITE | SelectionKey.OP_CONNECT)) != 0 && writer != null) {
      if (writer.cancelled()) {
        removeWriter();
      } else {
        ctx.loop.addReady(writer);
      }
    }
    if ((ops & SelectionKey.OP_CONNECT) != 0) {
      // The writer runs later in this pass; by then the connect is over and OP_CONNECT would
      // report nothing any more, so switch the interest to OP_WRITE afterwards.
      ctx.loop.addReady(new Handle(ctx.loop, this::updateInterest));
    }
  }
}
