package dev.jloop.streams;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The stream reader's byte FIFO, in particular adopted arrays (handed on without copying). */
class ByteQueueTest {
  private static byte[] bytes(int from, int n) {
    byte[] b = new byte[n];
    for (int i = 0; i < n; i++) {
      b[i] = (byte) (from + i);
    }
    return b;
  }

  @Test
  void anAdoptedArrayTakenWholeIsHandedOnAsItIs() {
    ByteQueue q = new ByteQueue();
    byte[] data = bytes(0, 5000);
    q.adopt(data);
    assertEquals(5000, q.size());
    assertSame(data, q.take(5000));
    assertTrue(q.isEmpty());
  }

  @Test
  void theQueueForgetsAnArrayItHandedOn() {
    ByteQueue q = new ByteQueue();
    byte[] data = bytes(0, 10);
    q.adopt(data);
    assertSame(data, q.takeAll());
    Arrays.fill(data, (byte) 99); // the taker owns it now
    q.append(bytes(20, 3));
    assertArrayEquals(bytes(20, 3), q.takeAll());
  }

  @Test
  void appendedDataIsCopiedNeverAliased() {
    ByteQueue q = new ByteQueue();
    byte[] data = bytes(0, 8);
    q.append(data);
    byte[] out = q.takeAll();
    assertNotSame(data, out);
    assertArrayEquals(bytes(0, 8), out);
  }

  @Test
  void partOfAnAdoptedArrayIsACopyAndTheRestStaysQueued() {
    ByteQueue q = new ByteQueue();
    byte[] data = bytes(0, 100);
    q.adopt(data);
    byte[] head = q.take(30);
    assertArrayEquals(bytes(0, 30), head);
    assertEquals(70, q.size());
    byte[] tail = q.takeAll();
    assertNotSame(data, tail);
    assertArrayEquals(bytes(30, 70), tail);
  }

  @Test
  void adoptingIntoANonEmptyQueueAppendsACopyInOrder() {
    ByteQueue q = new ByteQueue();
    q.adopt(bytes(0, 40));
    byte[] second = bytes(40, 3000);
    q.adopt(second); // the first array is full: both move to the queue's own storage
    q.append(bytes(3040, 60));
    byte[] all = q.takeAll();
    assertNotSame(second, all);
    assertArrayEquals(bytes(0, 3100), all);
  }

  @Test
  void indexOfAndStartsWithSeeAdoptedBytes() {
    ByteQueue q = new ByteQueue();
    q.adopt(new byte[] {'a', 'b', '\n', 'c'});
    q.skip(1);
    assertEquals(1, q.indexOf(new byte[] {'\n'}, 0));
    assertTrue(q.startsWith(new byte[] {'b', '\n'}, 0));
    q.clear();
    assertTrue(q.isEmpty());
    q.append(new byte[] {'x'});
    assertArrayEquals(new byte[] {'x'}, q.takeAll());
  }

  /** Random appends, adoptions, takes and skips against a plain model of the same bytes. */
  @Test
  void behavesLikeAByteFifoUnderRandomOperations() {
    Random rnd = new Random(42);
    ByteQueue q = new ByteQueue();
    java.io.ByteArrayOutputStream model = new java.io.ByteArrayOutputStream();
    int next = 0;
    for (int step = 0; step < 20_000; step++) {
      int op = rnd.nextInt(5);
      byte[] current = model.toByteArray();
      if (op <= 1) {
        byte[] d = bytes(next, rnd.nextInt(op == 0 ? 50 : 3000));
        next += d.length;
        if (op == 0) {
          q.append(d);
        } else {
          q.adopt(d);
        }
        model.writeBytes(d);
      } else if (op == 2 || op == 3) {
        int n = current.length == 0 ? 0 : rnd.nextInt(current.length + 1);
        assertArrayEquals(Arrays.copyOfRange(current, 0, n), q.take(n), "step " + step);
        model.reset();
        model.write(current, n, current.length - n);
      } else {
        int n = current.length == 0 ? 0 : rnd.nextInt(current.length + 1);
        q.skip(n);
        model.reset();
        model.write(current, n, current.length - n);
      }
      assertEquals(model.size(), q.size(), "step " + step);
    }
  }
}
