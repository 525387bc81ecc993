package io.funnellake.marts.attribution;

import io.funnellake.errors.Errors;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The attribution models. Rule-based models give each touch of an opportunity's path a share from
 * its position (or age); data-driven models ({@link #MARKOV}, {@link #SHAPLEY}, {@link
 * #LEAVE_ONE_OUT}) first value each channel from all closed paths, then share each path among its
 * channels by those values. Every model's shares of one opportunity sum to 1.
 */
public enum Model {
  FIRST_TOUCH,
  LAST_TOUCH,
  LAST_NON_DIRECT,
  LEAD_CREATION,
  LINEAR,
  U_SHAPED,
  W_SHAPED,
  FULL_PATH,
  TIME_DECAY,
  CUSTOM,
  MARKOV,
  SHAPLEY,
  LEAVE_ONE_OUT;

  /** The name used in config and in the {@code model} column, e.g. {@code last_non_direct}. */
  public String value() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Models whose shares come from channel values computed on the driver. */
  public boolean isChannelValued() {
    return this == MARKOV || this == SHAPLEY || this == LEAVE_ONE_OUT;
  }

  /** Models driven by configured position weights ({@code funnel.attribution.weights.<model>}). */
  public boolean isWeighted() {
    return this == U_SHAPED || this == W_SHAPED || this == FULL_PATH || this == CUSTOM;
  }

  public static Model parse(String key, String origin, String value) {
    for (Model m : values()) {
      if (m.value().equals(value)) {
        return m;
      }
    }
    throw Errors.badConfigValue(
        key, origin, value, Arrays.stream(values()).map(Model::value).toList());
  }

  public static List<Model> all() {
    return List.of(values());
  }
}
