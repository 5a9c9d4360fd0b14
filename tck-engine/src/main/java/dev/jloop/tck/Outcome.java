package dev.jloop.tck;

import org.apiguardian.api.API;

/**
 * The verdict on one scenario for one loop, as written to {@code results.json}.
 *
 * <p>JUnit sees PASSED as successful, NOT_IMPLEMENTED and SKIPPED as aborted (Surefire counts
 * them as skipped), and every other outcome as failed.
 */
@API(status = API.Status.STABLE, since = "0.1")
public enum Outcome {
  /** The loop follows the rule. */
  PASSED,
  /** The loop broke the rule; the message names the loop, the rule, and expected vs observed. */
  FAILED,
  /** The loop threw {@link UnsupportedOperationException} from one of the scenario's apis. */
  NOT_IMPLEMENTED,
  /** The scenario did not finish within its budget; the detail holds a thread dump. */
  TIMED_OUT,
  /** Something unexpected: the loop could not be created, or threw what no rule expects. */
  ERROR,
  /** The scenario passed but left open file descriptors or stray threads behind. */
  LEAKED,
  /** Not run; the message says why. */
  SKIPPED
}
