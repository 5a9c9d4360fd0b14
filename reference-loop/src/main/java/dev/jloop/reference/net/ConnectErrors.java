package dev.jloop.reference.net;

import java.net.ConnectException;
import java.util.List;
import java.util.Objects;

/** How {@code create_connection} reports that every address failed, as asyncio does. */
final class ConnectErrors {
  private ConnectErrors() {}

  /**
   * The one error if there is one, or if they all have the same message; otherwise a
   * {@link ConnectException} "Multiple exceptions: ..." listing them, each attached as
   * suppressed.
   */
  static Exception combine(List<Throwable> errors) {
    if (errors.isEmpty()) {
      return new ConnectException("no address could be tried");
    }
    Throwable first = errors.get(0);
    boolean same = errors.stream().allMatch(e -> Objects.equals(e.getMessage(), first.getMessage()));
    if (same && first instanceof Exception e) {
      return e;
    }
    StringBuilder sb = new StringBuilder("Multiple exceptions: ");
    for (int i = 0; i < errors.size(); i++) {
      sb.append(i == 0 ? "" : ", ").append(errors.get(i).getMessage());
    }
    ConnectException combined = new ConnectException(sb.toString());
    errors.forEach(combined::addSuppressed);
    return combined;
  }
}
