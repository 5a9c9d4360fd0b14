package dev.jloop.fuzz.trace;

import java.util.Locale;
import org.apiguardian.api.API;

/**
 * What a trace {@link Event} records. The fields an event of each kind uses are listed here;
 * unused fields are 0, -1 or empty. {@code id} is a callback id unless said otherwise. An event
 * recorded off the loop thread with no note of its own notes {@code thread=<name>}.
 */
@API(status = API.Status.STABLE, since = "0.1")
public enum Kind {
  /** call_soon is about to be called; {@code time} = loop time before the call. */
  SOON,
  /** call_later is about to be called; {@code value} = the delay. */
  LATER,
  /** call_at is about to be called; {@code value} = the deadline. */
  AT,
  /** After call_later or call_at returned: {@code value} = the handle's {@code when()}. */
  WHEN,
  /** A worker thread is about to call call_soon_threadsafe. */
  THREADSAFE,
  /** run_in_executor was called; callback {@code id} runs when its result is delivered. */
  EXECUTOR,
  /** The executor job {@code j<id>} ran ({@code loopThread} should be false). */
  JOB,
  /**
   * add_done_callback is about to be called on future {@code ref}; {@code flag} = whether the
   * future was already done.
   */
  DONE_ADD,
  /** Callback {@code id} started; {@code depth} > 0 means it ran inside another callback. */
  RUN,
  /** Handle {@code id} is cancelled; {@code note} = pending, ran or unscheduled. */
  CANCEL,
  /** Future {@code ref} was created. */
  FUTURE,
  /**
   * Future {@code ref} completed; {@code note} = result, exception or cancelled; {@code flag} =
   * whether the interpreter completed it (true: recorded just before the call) or saw it done
   * (false: a task's cancellation cancelled it; recorded no later than its callbacks ran).
   */
  COMPLETE,
  /** Task {@code id} was created. */
  TASK,
  /** Task {@code id}'s cancel() was called; {@code flag} = what it returned. */
  TASK_CANCEL,
  /** Task {@code id}'s body started; {@code depth} as for RUN. */
  BEGIN,
  /**
   * Task {@code id} is about to await: {@code note} = sleep, future, task or job, {@code ref} the
   * awaited id, {@code value} the sleep; {@code flag} = whether the awaited thing was pending
   * (so the task must suspend).
   */
  AWAIT,
  /** Task {@code id}'s await returned or raised: {@code note} = result:VALUE, none, exception, cancelled or error:TYPE. */
  RESUME,
  /** Task {@code id}'s body ended: {@code note} = result or cancelled. */
  END,
  /** After the run: task {@code id}'s final state ({@code note} = result, cancelled, exception or pending). */
  FINAL,
  /** The pass marker ran: a new pass began ({@code pass} is the new number). */
  MARK,
  /** loop.stop() is about to be called by the program. */
  STOP,
  /** run_forever number {@code id} starts ({@code note} = start) or returned ({@code note} = end). */
  SEGMENT,
  /** Nothing else can happen: every future still pending is cancelled (recorded as COMPLETE). */
  EPILOGUE,
  /** The program is over; the interpreter stops the loop. */
  FINISH,
  /** The loop's exception handler was called; {@code note} = the message and exception. */
  HANDLER,
  /** A loop call threw; {@code note} = the call and exception; {@code id} the callback it was for, or -1. */
  ERROR,
  /** The run was cut short: {@code note} = stalled, hung or timeout. */
  ABORT;

  /** The kind's name in traces and JSON: lowercase. */
  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The kind whose {@link #code()} is {@code code}. */
  public static Kind ofCode(String code) {
    return valueOf(code.toUpperCase(Locale.ROOT));
  }
}
