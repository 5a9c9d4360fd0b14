package dev.jloop.internal;

/** Rethrows any throwable unchanged, checked or not (asyncio re-raises the same object). */
public final class Throwing {
  private Throwing() {}

  /** Throws {@code t} as it is; the return type lets callers write {@code throw sneaky(t)}. */
  public static RuntimeException sneaky(Throwable t) {
    throw Throwing.<RuntimeException>doThrow(t);
  }

  @SuppressWarnings("unchecked")
  private static <E extends Throwable> E doThrow(Throwable t) throws E {
    throw (E) t;
  }
}
