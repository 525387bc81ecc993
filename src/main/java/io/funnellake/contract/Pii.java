package io.funnellake.contract;

/**
 * Personal data kinds. A field with a kind other than {@link #NONE} never reaches silver in clear:
 * it is replaced by a keyed HMAC pseudonym column named {@code <field>_pseudonym}.
 */
public enum Pii {
  NONE,
  EMAIL,
  NAME,
  PHONE
}
