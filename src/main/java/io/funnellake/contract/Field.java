package io.funnellake.contract;

/**
 * One canonical field of a raw entity.
 *
 * @param name canonical snake_case name, used in bronze, silver and source mappings
 * @param type type in silver
 * @param required a row without a value is quarantined
 * @param pii personal-data kind; PII fields are pseudonymised in silver
 * @param valueSet name of the allowed-value set ({@link ValueSets}); null for free text
 * @param description one line for the data contract
 */
public record Field(
    String name, FieldType type, boolean required, Pii pii, String valueSet, String description) {

  static Field req(String name, FieldType type, String description) {
    return new Field(name, type, true, Pii.NONE, null, description);
  }

  static Field opt(String name, FieldType type, String description) {
    return new Field(name, type, false, Pii.NONE, null, description);
  }

  static Field pii(String name, Pii pii, String description) {
    return new Field(name, FieldType.STRING, false, pii, null, description);
  }

  static Field coded(String name, boolean required, String valueSet, String description) {
    return new Field(name, FieldType.STRING, required, Pii.NONE, valueSet, description);
  }

  /** Name of the column that replaces this field in silver. */
  public String silverName() {
    return pii == Pii.NONE ? name : name + "_pseudonym";
  }
}
