package dev.jloop.tck.engine;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.util.Map;

/** A plain-text thread dump for TIMED_OUT details: the hung thread in full, then the others. */
final class ThreadDump {
  private static final int OTHER_FRAMES = 12;

  private ThreadDump() {}

  static String of(Thread hung) {
    StringBuilder sb = new StringBuilder();
    append(sb, hung, hung.getStackTrace(), Integer.MAX_VALUE);
    for (Map.Entry<Thread, StackTraceElement[]> e : Thread.getAllStackTraces().entrySet()) {
      Thread t = e.getKey();
      if (t != hung && t != Thread.currentThread()) {
        append(sb, t, e.getValue(), OTHER_FRAMES);
      }
    }
    return sb.toString();
  }

  private static void append(StringBuilder sb, Thread t, StackTraceElement[] stack, int maxFrames) {
    sb.append('"').append(t.getName()).append('"').append(t.isDaemon() ? " daemon" : "")
        .append(' ').append(t.getState());
    ThreadInfo info = ManagementFactory.getThreadMXBean().getThreadInfo(t.threadId(), 0);
    if (info != null && info.getLockName() != null) {
      sb.append(" on ").append(info.getLockName());
      if (info.getLockOwnerName() != null) {
        sb.append(" owned by \"").append(info.getLockOwnerName()).append('"');
      }
    }
    sb.append('\n');
    for (int i = 0; i < stack.length && i < maxFrames; i++) {
      sb.append("\tat ").append(stack[i]).append('\n');
    }
    if (stack.length > maxFrames) {
      sb.append("\t... ").append(stack.length - maxFrames).append(" more\n");
    }
    sb.append('\n');
  }
}
