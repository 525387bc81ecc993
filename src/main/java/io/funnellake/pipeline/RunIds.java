package io.funnellake.pipeline;

import java.security.SecureRandom;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/** Run ids sort by start time (UTC) and are unique: {@code 20261124T031500123Z-a1b2c3}. */
public final class RunIds {
  private static final DateTimeFormatter FMT =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssSSS'Z'");
  private static final SecureRandom RANDOM = new SecureRandom();

  private RunIds() {}

  public static String next() {
    return FMT.format(ZonedDateTime.now(ZoneOffset.UTC))
        + "-"
        + String.format("%06x", RANDOM.nextInt(1 << 24));
  }
}
