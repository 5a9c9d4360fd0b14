package dev.jloop.tck.scenarios;

import java.util.List;
import org.apiguardian.api.API;

/** The areas of the catalog, in the order the catalog and the reports list them. */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class Areas {
  /** Every area class, in catalog order. */
  public static final List<Class<?>> ALL = List.of(
      LifecycleScenarios.class,
      CallbackScenarios.class,
      TimerScenarios.class,
      FutureScenarios.class,
      TaskScenarios.class,
      CancelScenarios.class,
      ExceptionScenarios.class,
      ThreadScenarios.class,
      ExecutorScenarios.class,
      CombinatorScenarios.class,
      SyncScenarios.class,
      TcpScenarios.class,
      SocketScenarios.class,
      ProcessScenarios.class,
      TlsScenarios.class,
      BadInputScenarios.class);

  private Areas() {}
}
