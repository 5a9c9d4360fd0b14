package dev.jloop.guide;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** Captures what a sample prints with {@code System.out}, so that its test can check it. */
final class Stdout {
  /** A sample's code. */
  @FunctionalInterface
  interface Body {
    void run() throws Exception;
  }

  private Stdout() {}

  /** Runs {@code body} with {@code System.out} redirected and returns what it printed. */
  static String capture(Body body) throws Exception {
    PrintStream previous = System.out;
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    System.setOut(new PrintStream(buffer, true, StandardCharsets.UTF_8));
    try {
      body.run();
    } finally {
      System.setOut(previous);
    }
    return buffer.toString(StandardCharsets.UTF_8).replace(System.lineSeparator(), "\n");
  }
}
