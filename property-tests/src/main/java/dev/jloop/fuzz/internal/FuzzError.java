package dev.jloop.fuzz.internal;

import org.apiguardian.api.API;

/** The exception a program sets on a future ({@code Complete(fid, EXCEPTION)}); asyncio's side raises its own FuzzError. */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class FuzzError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** The error set on future {@code f<fid>}. */
  public FuzzError(int fid) {
    super("f" + fid, null, false, false);
  }
}
