package io.funnellake.conform;

/** Columns added by {@link Typing} next to the typed canonical fields. */
public final class TypedColumns {
  private TypedColumns() {}

  /** Why the row is rejected (all problems, "; "-separated), or null when it is valid. */
  public static final String REJECT_REASON = "_reject_reason";

  /**
   * Coded values that are neither canonical nor mapped, as "field=value" strings; used to fail the
   * run with the values named when the mapping says unknown_values = fail.
   */
  public static final String UNKNOWN_VALUES = "_unknown_values";
}
