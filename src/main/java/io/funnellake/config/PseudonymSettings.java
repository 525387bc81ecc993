package io.funnellake.config;

/** {@code funnel.pseudonym}: the HMAC key and whether a generated development key is allowed. */
public record PseudonymSettings(String key, boolean allowDevKey) {
  static PseudonymSettings parse(Settings s) {
    return new PseudonymSettings(s.string("key"), s.bool("allow_dev_key"));
  }

  @Override
  public String toString() {
    return "PseudonymSettings[key="
        + (key.isEmpty() ? "" : "***")
        + ", allowDevKey="
        + allowDevKey
        + "]";
  }
}
