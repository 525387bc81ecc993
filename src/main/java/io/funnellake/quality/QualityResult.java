package io.funnellake.quality;

/**
 * The outcome of one rule on one run.
 *
 * @param rule rule name
 * @param level severity
 * @param status {@code pass}, {@code fail} or {@code skipped}
 * @param observed measured value, or null when skipped
 * @param threshold the rule's limit
 * @param message what was measured against what, in words
 */
public record QualityResult(
    String rule, Level level, String status, Double observed, Double threshold, String message) {

  public static final String PASS = "pass";
  public static final String FAIL = "fail";
  public static final String SKIPPED = "skipped";

  public boolean blocks() {
    return level == Level.ERROR && FAIL.equals(status);
  }

  public static QualityResult of(
      String rule, Level level, boolean passed, double observed, double threshold, String message) {
    return new QualityResult(rule, level, passed ? PASS : FAIL, observed, threshold, message);
  }

  public static QualityResult skipped(String rule, Level level, double threshold, String why) {
    return new QualityResult(rule, level, SKIPPED, null, threshold, why);
  }
}
