package io.funnellake.marts.goals;

import io.funnellake.marts.Mart;
import java.util.List;

/** Goals vs actuals and the weekly alignment scorecard, in build order. */
public final class GoalMarts {
  private GoalMarts() {}

  public static List<Mart> all() {
    return List.of(new GoalsVsActuals(), new WeeklyAlignmentScorecard());
  }
}
