package dev.jloop.fuzz.program;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jloop.fuzz.python.PythonDriver;
import dev.jloop.fuzz.python.PythonLoop;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The printed forms of programs are real code: the Java compiles and runs on the reference loop,
 * the replayable form rebuilds the same program, the Python runs on asyncio and uvloop.
 */
class PrintersTest {
  private static final int PROGRAMS = 8;
  private static final int PYTHON_PROGRAMS = 6;
  private static final ProgramGenerator GEN = new ProgramGenerator(GenSettings.DEFAULT);

  @TempDir
  Path dir;

  private static Program program(int i) {
    return GEN.fromSeed(1000 + i);
  }

  private Path compile(List<String> classes) throws Exception {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    List<String> args = new ArrayList<>(List.of("-d", dir.toString(), "-proc:none", "-nowarn",
        "-classpath", System.getProperty("java.class.path")));
    for (int i = 0; i < classes.size(); i++) {
      Path src = dir.resolve("P" + i + ".java");
      Files.writeString(src, classes.get(i));
      args.add(src.toString());
    }
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int rc = javac.run(null, null, err, args.toArray(String[]::new));
    assertEquals(0, rc, () -> err.toString(StandardCharsets.UTF_8));
    return dir;
  }

  private Object call(ClassLoader cl, int i) throws Exception {
    Method m = cl.loadClass("P" + i).getMethod("run");
    return m.invoke(null);
  }

  @Test
  void javaSnippetsCompileAndRunOnTheReferenceLoop() throws Exception {
    List<String> classes = new ArrayList<>();
    for (int i = 0; i < PROGRAMS; i++) {
      classes.add("import dev.jloop.*;\nimport dev.jloop.spi.*;\nimport java.util.*;\n"
          + "public class P" + i + " {\n  public static void run() {\n"
          + JavaPrinter.print(program(i), "reference", 0.05) + "  }\n}\n");
    }
    compile(classes);
    PrintStream out = System.out;
    try (URLClassLoader cl = new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader())) {
      for (int i = 0; i < PROGRAMS; i++) {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
          call(cl, i);
        } finally {
          System.setOut(out);
        }
        String log = captured.toString(StandardCharsets.UTF_8);
        assertTrue(log.startsWith("[pass 1, cb0"), "program " + i + " printed " + log);
      }
    }
  }

  @Test
  void replayFormRebuildsTheSameProgram() throws Exception {
    List<String> classes = new ArrayList<>();
    for (int i = 0; i < PROGRAMS; i++) {
      classes.add("import static dev.jloop.fuzz.program.Ops.*;\nimport dev.jloop.fuzz.program.Program;\n"
          + "public class P" + i + " {\n  public static Program run() {\n    return "
          + AstPrinter.print(program(i)) + ";\n  }\n}\n");
    }
    compile(classes);
    try (URLClassLoader cl = new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader())) {
      for (int i = 0; i < PROGRAMS; i++) {
        assertEquals(program(i), call(cl, i));
      }
    }
  }

  @Test
  void pythonScriptsRunOnAsyncio() throws Exception {
    runPython(PythonLoop.asyncio(), false);
  }

  @Test
  void pythonScriptsRunOnUvloop() throws Exception {
    runPython(PythonLoop.uvloop(), true);
  }

  private void runPython(PythonLoop loop, boolean uvloop) throws Exception {
    assumeFalse("virtual".equals(System.getProperty("jloop.coroutine.backend")),
        "Python does not depend on the JVM's coroutine backend: checked in the continuation run only");
    var missing = PythonDriver.unavailable(loop);
    assumeTrue(missing.isEmpty(), () -> loop.id() + " is not available: " + missing.orElse(""));
    String python;
    try (PythonDriver d = PythonDriver.start(loop)) {
      python = d.executable();
    }
    List<Process> running = new ArrayList<>();
    for (int i = 0; i < PYTHON_PROGRAMS; i++) {
      Path script = dir.resolve("p" + i + ".py");
      Files.writeString(script, PythonPrinter.print(program(i), 0.05, uvloop));
      running.add(new ProcessBuilder(python, script.toString()).redirectErrorStream(true).start());
    }
    for (int i = 0; i < PYTHON_PROGRAMS; i++) {
      Process p = running.get(i);
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertTrue(p.waitFor(60, TimeUnit.SECONDS));
      String source = Files.readString(dir.resolve("p" + i + ".py"));
      assertEquals(0, p.exitValue(), () -> source + "\n" + out);
      assertTrue(out.startsWith("['pass 1', 'cb0'"), "program " + i + " printed " + out);
    }
  }
}
