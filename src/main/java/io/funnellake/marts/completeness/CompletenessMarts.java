package io.funnellake.marts.completeness;

import io.funnellake.marts.Mart;
import java.util.List;

/** The data completeness marts, in build order. */
public final class CompletenessMarts {
  private CompletenessMarts() {}

  public static List<Mart> all() {
    return List.of(new DataCompleteness(), new HandoffCompleteness());
  }
}
