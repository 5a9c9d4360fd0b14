package dev.jloop.fuzz.tck;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Sets {@code jloop.fuzz.seconds} to 1 for a test class unless the run already set it, and
 * clears it again afterwards, so the fuzz area's tests stay short without overriding a budget
 * given on the command line.
 */
final class ShortFuzzBudget implements BeforeAllCallback, AfterAllCallback {
  private static final String PROPERTY = "jloop.fuzz.seconds";
  private boolean setHere;

  @Override
  public void beforeAll(ExtensionContext context) {
    setHere = System.getProperty(PROPERTY) == null;
    if (setHere) {
      System.setProperty(PROPERTY, "1");
    }
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (setHere) {
      System.clearProperty(PROPERTY);
    }
  }
}
