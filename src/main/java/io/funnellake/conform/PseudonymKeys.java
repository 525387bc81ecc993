package io.funnellake.conform;

import io.funnellake.config.PseudonymSettings;
import io.funnellake.errors.Errors;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Resolves the pseudonymisation key: from {@code funnel.pseudonym.key} (normally the environment
 * variable FUNNEL_PSEUDONYM_KEY), or, where the profile allows it, a development key generated once
 * and kept under {@code <lakehouse>/_dev/pseudonym.key} so local runs stay stable.
 */
public final class PseudonymKeys {
  public static final String ENV = "FUNNEL_PSEUDONYM_KEY";
  static final int MIN_LENGTH = 32;

  private PseudonymKeys() {}

  public static Pseudonyms resolve(
      PseudonymSettings settings, String lakehouseRoot, Configuration hadoop) {
    String key = settings.key();
    if (key.isEmpty()) {
      if (!settings.allowDevKey()) {
        throw Errors.missingSecret("funnel.pseudonym.key", ENV);
      }
      key = devKey(lakehouseRoot, hadoop);
    }
    if (key.length() < MIN_LENGTH) {
      throw Errors.badConfig(
          "funnel.pseudonym.key",
          ENV,
          "The key has " + key.length() + " characters; at least " + MIN_LENGTH + " are needed.",
          null);
    }
    return new Pseudonyms(key);
  }

  private static String devKey(String root, Configuration hadoop) {
    Path p = new Path(root + "/_dev/pseudonym.key");
    try {
      FileSystem fs = p.getFileSystem(hadoop);
      if (!fs.exists(p)) {
        byte[] random = new byte[36];
        new SecureRandom().nextBytes(random);
        try (OutputStream out = fs.create(p, false)) {
          out.write(Base64.getUrlEncoder().withoutPadding().encode(random));
        }
      }
      System.err.println(
          "WARNING: no "
              + ENV
              + " set; using the development pseudonymisation key "
              + p
              + ". Set "
              + ENV
              + " for real data.");
      try (InputStream in = fs.open(p)) {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read or create the development key " + p, e);
    }
  }
}
