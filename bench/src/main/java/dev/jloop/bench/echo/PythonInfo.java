package dev.jloop.bench.echo;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

/**
 * A Python interpreter as found on this machine: the real executable (not a shim, so the
 * process the harness measures is the interpreter itself), its version, and for uvloop the
 * module's version; or why it is unusable.
 *
 * @param executable {@code sys.executable}, or null
 * @param version the Python version, or null
 * @param loopVersion uvloop's version when asked for, else the Python version; or null
 * @param skip why the interpreter cannot serve, or null
 */
record PythonInfo(String executable, String version, String loopVersion, String skip) {
  static PythonInfo probe(String interpreter, boolean needUvloop) {
    String code = "import sys, platform\n"
        + (needUvloop ? "import uvloop\nv = uvloop.__version__\n" : "v = platform.python_version()\n")
        + "print(sys.executable); print(platform.python_version()); print(v)";
    try {
      Process p = new ProcessBuilder(interpreter, "-c", code).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes()).trim();
      if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
        String last = out.isEmpty() ? "" : out.substring(out.lastIndexOf('\n') + 1);
        return new PythonInfo(null, null, null, (needUvloop ? "uvloop cannot be imported by "
            : "cannot run ") + interpreter + ": " + last);
      }
      String[] lines = out.split("\n");
      return new PythonInfo(lines[0].trim(), lines[1].trim(), lines[2].trim(), null);
    } catch (IOException e) {
      return new PythonInfo(null, null, null, "cannot run " + interpreter + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new PythonInfo(null, null, null, "interrupted");
    }
  }
}
