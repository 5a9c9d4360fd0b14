package dev.jloop;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * Python's {@code ExceptionGroup}: several exceptions raised together, as {@link TaskGroup}
 * raises the failures of its tasks. Groups nest: an element may itself be a group.
 *
 * <p>The elements are also attached as suppressed exceptions, so a printed stack trace shows
 * all of them. {@link #getMessage()} adds the count, as Python's {@code str()} does;
 * {@link #message()} is the bare message.
 *
 * <p>Unchecked, like every exception that reaches the caller of {@link Async#await}.
 */
@API(status = API.Status.STABLE, since = "0.1")
public class ExceptionGroup extends RuntimeException {
  private final String message;
  private final List<Throwable> exceptions;

  /**
   * A group of {@code exceptions}, in the given order.
   *
   * @throws NullPointerException if {@code message}, {@code exceptions} or an element is
   *     {@code null}
   * @throws IllegalArgumentException if {@code exceptions} is empty
   */
  @SuppressWarnings("this-escape") // addSuppressed is final in Throwable: no subclass code runs
  public ExceptionGroup(String message, List<? extends Throwable> exceptions) {
    super(describe(message, exceptions));
    List<Throwable> copy = new ArrayList<>(exceptions.size());
    for (int i = 0; i < exceptions.size(); i++) {
      Throwable e = Objects.requireNonNull(exceptions.get(i), () -> "exceptions contains null");
      copy.add(e);
      if (e != this) {
        addSuppressed(e);
      }
    }
    this.message = message;
    this.exceptions = Collections.unmodifiableList(copy);
  }

  private static String describe(String message, List<? extends Throwable> exceptions) {
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(exceptions, "exceptions");
    if (exceptions.isEmpty()) {
      throw new IllegalArgumentException("exceptions must not be empty");
    }
    int n = exceptions.size();
    return message + " (" + n + " sub-exception" + (n == 1 ? ")" : "s)");
  }

  /** The message without the count. Python: {@code message}. */
  public String message() {
    return message;
  }

  /** The exceptions, unmodifiable, in the order given. Python: {@code exceptions}. */
  public List<Throwable> exceptions() {
    return exceptions;
  }
}
