package dev.jloop.tck.scenario;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.apiguardian.api.API;

/** Marks a class whose {@link Scenario} methods make up one area of the catalog. */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Area {
  /** The area id: lowercase words joined by dashes, e.g. {@code timers}. */
  String value();

  /** One sentence saying what the area covers, for the rule catalog. */
  String description();
}
