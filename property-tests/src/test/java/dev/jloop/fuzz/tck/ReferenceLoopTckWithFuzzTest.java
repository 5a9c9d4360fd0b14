package dev.jloop.fuzz.tck;

import dev.jloop.tck.JloopTck;

/**
 * The whole TCK on the reference loop with jloop-fuzz on the class path, so the {@code fuzz} area
 * runs after the built-in ones: the reference loop's column of the matrix that
 * {@code ./jloop.sh main} builds, written to {@code property-tests/target/jloop-tck/results.json}.
 * Left out of the module's default test runs (see the pom); run it with
 * {@code mvn -pl property-tests surefire:test@default-test -Dtest=ReferenceLoopTckWithFuzzTest}.
 */
public class ReferenceLoopTckWithFuzzTest extends JloopTck {}
