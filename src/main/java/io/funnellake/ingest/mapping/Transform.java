package io.funnellake.ingest.mapping;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Named value transforms a mapping may apply to numeric fields after parsing ({@code transforms {
 * rate = reciprocal }}), for sources whose units differ from the contract's.
 */
public enum Transform {
  /** 1 / x: Salesforce dated rates are corporate-currency units per unit; ours are the inverse. */
  RECIPROCAL,
  /** Seconds to whole minutes, rounded half up (Salesforce CallDurationInSeconds). */
  SECONDS_TO_MINUTES,
  /** Milliseconds to whole minutes, rounded half up (HubSpot durationMilliseconds). */
  MILLIS_TO_MINUTES;

  public String value() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static List<String> names() {
    return Arrays.stream(values()).map(Transform::value).toList();
  }
}
