package dev.jloop.fuzz.python;

import java.util.Objects;
import org.apiguardian.api.API;

/**
 * A Python event loop the fuzzer can run programs on, and the interpreter that has it.
 *
 * @param id the loop's id in traces and reports
 * @param executable the Python interpreter to start
 * @param driverArg what the driver script is told to run: {@code asyncio} or {@code uvloop}
 */
@API(status = API.Status.STABLE, since = "0.1")
public record PythonLoop(String id, String executable, String driverArg) {
  /** @throws NullPointerException if an argument is {@code null} */
  public PythonLoop {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(executable, "executable");
    Objects.requireNonNull(driverArg, "driverArg");
  }

  /** CPython's own loop, on {@code python3} ({@code -Djloop.fuzz.python=} to change). */
  public static PythonLoop asyncio() {
    return new PythonLoop("cpython-asyncio", System.getProperty("jloop.fuzz.python", "python3"), "asyncio");
  }

  /**
   * uvloop, on {@code /usr/bin/python3} where Debian's {@code python3-uvloop} installs it
   * ({@code -Djloop.fuzz.uvloopPython=} to change).
   */
  public static PythonLoop uvloop() {
    return new PythonLoop("uvloop", System.getProperty("jloop.fuzz.uvloopPython", "/usr/bin/python3"), "uvloop");
  }
}
