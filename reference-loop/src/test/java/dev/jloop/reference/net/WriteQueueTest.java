package dev.jloop.reference.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.GatheringByteChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.IntSupplier;
import org.junit.jupiter.api.Test;

/**
 * The write buffer against a fake socket that takes a given number of bytes per call: order
 * and integrity (asyncio's {@code _write_ready} sends the buffer's head and keeps the rest),
 * and how writes are gathered.
 */
class WriteQueueTest {
  /** Takes up to {@code room} bytes per call; records what each call was offered. */
  static final class FakeSocket implements GatheringByteChannel {
    final ByteArrayOutputStream taken = new ByteArrayOutputStream();
    final List<Long> offered = new ArrayList<>();
    final IntSupplier room;

    FakeSocket(IntSupplier room) {
      this.room = room;
    }

    @Override
    public long write(ByteBuffer[] srcs, int offset, int length) {
      long sum = 0;
      for (int i = offset; i < offset + length; i++) {
        sum += srcs[i].remaining();
      }
      offered.add(sum);
      long left = room.getAsInt();
      long n = 0;
      for (int i = offset; i < offset + length && left > 0; i++) {
        int k = (int) Math.min(left, srcs[i].remaining());
        byte[] part = new byte[k];
        srcs[i].get(part);
        taken.writeBytes(part);
        left -= k;
        n += k;
      }
      return n;
    }

    @Override
    public long write(ByteBuffer[] srcs) {
      return write(srcs, 0, srcs.length);
    }

    @Override
    public int write(ByteBuffer src) {
      return (int) write(new ByteBuffer[] {src}, 0, 1);
    }

    @Override
    public boolean isOpen() {
      return true;
    }

    @Override
    public void close() {}
  }

  private static byte[] random(Random r, int n) {
    byte[] b = new byte[n];
    r.nextBytes(b);
    return b;
  }

  @Test
  void bytesLeaveInOrderWhateverTheSocketTakes() throws Exception {
    Random r = new Random(8);
    WriteQueue q = new WriteQueue();
    ByteArrayOutputStream expected = new ByteArrayOutputStream();
    FakeSocket socket = new FakeSocket(() -> r.nextInt(70_000));
    for (int round = 0; round < 200; round++) {
      int n = r.nextInt(4) == 0 ? 1 + r.nextInt(600_000) : 1 + r.nextInt(3000);
      byte[] data = random(r, n);
      expected.writeBytes(data);
      if (r.nextBoolean()) {
        q.add(data, 0, n);
      } else {
        q.add(ByteBuffer.wrap(data));
      }
      q.writeTo(socket);
    }
    for (int i = 0; i < 1_000_000 && !q.isEmpty(); i++) {
      q.writeTo(socket);
    }
    assertEquals(0, q.size());
    assertArrayEquals(expected.toByteArray(), socket.taken.toByteArray());
  }

  @Test
  void aFlushStopsAtTheFirstShortWrite() throws Exception {
    WriteQueue q = new WriteQueue();
    q.add(new byte[100_000], 0, 100_000);
    FakeSocket socket = new FakeSocket(() -> 1000);
    assertEquals(1000, q.writeTo(socket));
    assertEquals(1, socket.offered.size());
    assertEquals(99_000, q.size());
  }

  @Test
  void manySmallWritesShareChunksAndAreGatheredIntoOneWrite() throws Exception {
    WriteQueue q = new WriteQueue();
    for (int i = 0; i < 1000; i++) {
      q.add(new byte[] {(byte) i}, 0, 1);
    }
    FakeSocket socket = new FakeSocket(() -> Integer.MAX_VALUE);
    assertEquals(1000, q.writeTo(socket));
    assertEquals(List.of(1000L), socket.offered);
    byte[] out = socket.taken.toByteArray();
    for (int i = 0; i < 1000; i++) {
      assertEquals((byte) i, out[i]);
    }
  }
}
