package dev.jloop.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jloop.Async;
import dev.jloop.Task;
import dev.jloop.internal.coro.CoroutineBackends;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;

/**
 * Reports which coroutine backend this test run uses, and checks it is the one the build asked
 * for: the parent pom runs every module's tests once with {@code continuation} and once with
 * {@code virtual} ({@code -Djloop.coroutine.backend}).
 */
class CoroutineBackendGuardTest {

  @Test
  void theRequestedBackendIsTheOneTasksRunOn(TestReporter reporter) {
    String requested = System.getProperty(CoroutineBackends.PROPERTY, "auto");
    String active = CoroutineBackends.get().name();
    reporter.publishEntry(CoroutineBackends.PROPERTY, active);
    System.out.println("jloop coroutine backend in this run: " + active + " (requested " + requested + ")");
    if (requested.equals("auto")) {
      assertEquals(CoroutineBackends.continuationAvailable() ? "continuation" : "virtual", active);
    } else {
      assertEquals(requested, active, "the build asked for another backend than the one in use");
    }

    try (SelectorEventLoop loop = new SelectorEventLoop()) {
      Thread loopThread = Thread.currentThread();
      Thread[] bodyThreads = new Thread[2];
      Task<String> task = loop.createTask(() -> {
        bodyThreads[0] = Thread.currentThread();
        Async.sleep(0); // suspend once and resume
        bodyThreads[1] = Thread.currentThread();
        return "ran";
      });
      assertEquals("ran", loop.runUntilComplete(task));
      assertEquals(active, task.backendName());
      assertSame(bodyThreads[0], bodyThreads[1], "the body changed threads across a suspension");
      if (active.equals("continuation")) {
        assertSame(loopThread, bodyThreads[0], "continuation bodies run on the loop thread");
      } else {
        assertNotSame(loopThread, bodyThreads[0]);
        assertTrue(bodyThreads[0].isVirtual(), "virtual-backend bodies run on a virtual thread");
      }
      assertFalse(loop.isRunning());
    }
  }
}
