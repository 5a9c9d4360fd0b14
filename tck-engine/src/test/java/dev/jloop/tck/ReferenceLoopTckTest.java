package dev.jloop.tck;

/**
 * Runs the whole catalog against the reference loop under Surefire, exactly as an implementer's
 * project does: this one-line class is what makes Surefire start the jloop-tck engine
 * (docs/tck-usage.md). The pom narrows the loops to {@code reference} with
 * {@code jloop.tck.loops}, since the test class path also registers the mutants.
 */
public class ReferenceLoopTckTest extends JloopTck {}
