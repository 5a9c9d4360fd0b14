package dev.jloop.fuzz;

import dev.jloop.fuzz.model.AsyncioModel;
import dev.jloop.fuzz.model.Level;
import dev.jloop.fuzz.program.GenSettings;
import dev.jloop.fuzz.python.Differential;
import dev.jloop.fuzz.python.PythonDriver;
import dev.jloop.fuzz.python.PythonLoop;
import org.junit.jupiter.api.Test;

class ScratchTest {
  @Test
  void smoke() throws Exception {
    for (PythonLoop l : new PythonLoop[] {PythonLoop.asyncio(), PythonLoop.uvloop()}) {
      for (Level level : new Level[] {Level.REQUIRED, Level.STRICT}) {
        try (PythonDriver d = PythonDriver.start(l)) {
          Differential.Report r = Differential.run(d, System.nanoTime(), 500, GenSettings.DEFAULT, new AsyncioModel(level), 2);
          System.out.println("=== " + level + " " + r.summary());
          if (r.failures().size() > 1) System.out.println("second:\n" + r.failures().get(1));
        }
      }
    }
  }
}
