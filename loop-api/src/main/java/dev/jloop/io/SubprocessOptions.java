package dev.jloop.io;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * The keyword arguments of asyncio's {@code subprocess_exec} / {@code subprocess_shell} (and of
 * {@code create_subprocess_exec} / {@code create_subprocess_shell}).
 *
 * @param stdin where the child's standard input comes from; {@link Stdio#STDOUT} is not allowed
 * @param stdout where the child's standard output goes; {@link Stdio#STDOUT} is not allowed
 * @param stderr where the child's standard error goes; {@link Stdio#STDOUT} merges it into
 *     stdout (asyncio's {@code stderr=subprocess.STDOUT})
 * @param cwd the working directory, or {@code null} for the JVM's
 * @param env the complete environment of the child, or {@code null} to inherit the JVM's (as
 *     {@code Popen}'s {@code env}: a map replaces the environment, it does not add to it)
 * @param limit the buffer limit of the stream readers that {@code create_subprocess_*} give the
 *     {@code Process}; asyncio's {@code limit}, 64 KiB by default
 */
@API(status = API.Status.STABLE, since = "0.1")
public record SubprocessOptions(
    Stdio stdin, Stdio stdout, Stdio stderr, Path cwd, Map<String, String> env, int limit) {

  /** asyncio's default stream limit, {@code streams._DEFAULT_LIMIT}: 64 KiB. */
  public static final int DEFAULT_LIMIT = 64 * 1024;

  /** What a standard stream of the child is connected to; asyncio's {@code subprocess} constants. */
  @API(status = API.Status.STABLE, since = "0.1")
  public enum Stdio {
    /** A pipe to the loop: {@code subprocess.PIPE}. */
    PIPE,
    /** {@code /dev/null}: {@code subprocess.DEVNULL}. */
    DEVNULL,
    /** The JVM's own stream: {@code None} in asyncio. */
    INHERIT,
    /** For stderr only: the same pipe or file as stdout, {@code subprocess.STDOUT}. */
    STDOUT
  }

  /**
   * Checks the options.
   *
   * @throws NullPointerException if a stream setting is {@code null}
   * @throws IllegalArgumentException if stdin or stdout is {@code STDOUT}, or {@code limit} is
   *     not positive
   */
  public SubprocessOptions {
    Objects.requireNonNull(stdin, "stdin");
    Objects.requireNonNull(stdout, "stdout");
    Objects.requireNonNull(stderr, "stderr");
    if (stdin == Stdio.STDOUT || stdout == Stdio.STDOUT) {
      throw new IllegalArgumentException("STDOUT is only valid for stderr");
    }
    if (limit <= 0) {
      throw new IllegalArgumentException("limit must be positive, not " + limit);
    }
    if (env != null) {
      Map<String, String> copy = new LinkedHashMap<>();
      env.forEach((k, v) -> copy.put(Objects.requireNonNull(k, "env key"),
          Objects.requireNonNull(v, "env value of " + k)));
      env = Collections.unmodifiableMap(copy);
    }
  }

  /** All three streams piped to the loop: the default of the loop-level methods. */
  public static SubprocessOptions pipes() {
    return builder().build();
  }

  /** All three streams inherited: the default of {@code create_subprocess_*}. */
  public static SubprocessOptions inherit() {
    return builder().stdin(Stdio.INHERIT).stdout(Stdio.INHERIT).stderr(Stdio.INHERIT).build();
  }

  /** A builder starting with all three streams piped. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds {@link SubprocessOptions}. Not thread-safe. */
  public static final class Builder {
    private Stdio stdin = Stdio.PIPE;
    private Stdio stdout = Stdio.PIPE;
    private Stdio stderr = Stdio.PIPE;
    private Path cwd;
    private Map<String, String> env;
    private int limit = DEFAULT_LIMIT;

    private Builder() {}

    /** Sets stdin. */
    public Builder stdin(Stdio s) {
      this.stdin = s;
      return this;
    }

    /** Sets stdout. */
    public Builder stdout(Stdio s) {
      this.stdout = s;
      return this;
    }

    /** Sets stderr. */
    public Builder stderr(Stdio s) {
      this.stderr = s;
      return this;
    }

    /** Sets the working directory. */
    public Builder cwd(Path dir) {
      this.cwd = dir;
      return this;
    }

    /** Sets the whole environment of the child. */
    public Builder env(Map<String, String> env) {
      this.env = env;
      return this;
    }

    /** Sets the stream limit of {@code create_subprocess_*}. */
    public Builder limit(int limit) {
      this.limit = limit;
      return this;
    }

    /** The options; see the record's checks. */
    public SubprocessOptions build() {
      return new SubprocessOptions(stdin, stdout, stderr, cwd, env, limit);
    }
  }
}
