package dev.jloop.bench;

import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/** {@link AwaitSwitchBenchmark} on virtual threads passing a baton with the loop thread. */
@State(Scope.Thread)
@Fork(value = 3, jvmArgsPrepend = {"-Xms1g", "-Xmx1g", "-XX:+AlwaysPreTouch",
    "--add-exports", "java.base/jdk.internal.vm=ALL-UNNAMED",
    "-Djloop.coroutine.backend=virtual"})
public class AwaitSwitchVirtualBenchmark extends AwaitSwitchBenchmark {
  @Override
  protected String backend() {
    return "virtual";
  }
}
