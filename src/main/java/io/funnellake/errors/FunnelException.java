package io.funnellake.errors;

/**
 * The one user-facing failure type. Every instance carries the problem, its cause and the fix, so
 * the message printed by a failed run can be acted on without reading code. Create instances only
 * through {@link Errors}.
 */
public final class FunnelException extends RuntimeException {
  private final String code;
  private final String problem;
  private final String why;
  private final String fix;

  FunnelException(String code, String problem, String why, String fix, Throwable cause) {
    super(format(code, problem, why, fix), cause);
    this.code = code;
    this.problem = problem;
    this.why = why;
    this.fix = fix;
  }

  private static String format(String code, String problem, String why, String fix) {
    return "[" + code + "] " + problem + "\n  Cause: " + why + "\n  Fix: " + fix;
  }

  /** Stable machine-readable identifier, e.g. {@code MAPPING_MISSING_COLUMN}. */
  public String code() {
    return code;
  }

  public String problem() {
    return problem;
  }

  public String why() {
    return why;
  }

  public String fix() {
    return fix;
  }
}
