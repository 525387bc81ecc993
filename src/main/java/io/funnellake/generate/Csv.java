package io.funnellake.generate;

import io.funnellake.contract.Entity;
import java.time.LocalDate;

/**
 * The canonical CSV text: RFC 4180 quoting only where needed, timestamps as {@code
 * yyyy-MM-dd'T'HH:mm:ss'Z'} (UTC), dates as {@code yyyy-MM-dd}, null as an empty field.
 */
final class Csv {
  private Csv() {}

  static String header(Entity e) {
    return String.join(",", e.fieldNames());
  }

  static String line(String[] fields) {
    StringBuilder sb = new StringBuilder(fields.length * 12);
    for (int i = 0; i < fields.length; i++) {
      if (i > 0) {
        sb.append(',');
      }
      appendField(sb, fields[i]);
    }
    return sb.toString();
  }

  static void appendField(StringBuilder sb, String v) {
    if (v == null || v.isEmpty()) {
      return;
    }
    boolean quote = false;
    for (int i = 0; i < v.length() && !quote; i++) {
      char c = v.charAt(i);
      quote = c == ',' || c == '"' || c == '\n' || c == '\r';
    }
    if (!quote) {
      sb.append(v);
      return;
    }
    sb.append('"');
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      if (c == '"') {
        sb.append('"');
      }
      sb.append(c);
    }
    sb.append('"');
  }

  /** Epoch second as {@code 2025-11-04T09:15:00Z}; a fixed width, so it sorts as text. */
  static String ts(long sec) {
    long day = Math.floorDiv(sec, Window.DAY);
    int secOfDay = (int) Math.floorMod(sec, Window.DAY);
    StringBuilder sb = new StringBuilder(20);
    sb.append(LocalDate.ofEpochDay(day)).append('T');
    pad2(sb, secOfDay / 3600);
    sb.append(':');
    pad2(sb, secOfDay / 60 % 60);
    sb.append(':');
    pad2(sb, secOfDay % 60);
    return sb.append('Z').toString();
  }

  static String date(long sec) {
    return LocalDate.ofEpochDay(Math.floorDiv(sec, Window.DAY)).toString();
  }

  private static void pad2(StringBuilder sb, int v) {
    if (v < 10) {
      sb.append('0');
    }
    sb.append(v);
  }

  /** Money with two decimals, e.g. {@code 12300.00}. */
  static String money(long amount) {
    return amount + ".00";
  }

  /** A zero-padded number with a prefix, e.g. {@code id("L", 8, 41) = "L00000041"}. */
  static String id(String prefix, int width, long n) {
    String digits = Long.toString(n);
    StringBuilder sb = new StringBuilder(prefix.length() + Math.max(width, digits.length()));
    sb.append(prefix);
    for (int i = digits.length(); i < width; i++) {
      sb.append('0');
    }
    return sb.append(digits).toString();
  }
}
