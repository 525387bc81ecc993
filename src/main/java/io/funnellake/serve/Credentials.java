package io.funnellake.serve;

import io.funnellake.errors.Errors;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * The JDBC server's credential store: a text file with one line per user, {@code
 * USER:pbkdf2-sha256:ITERATIONS:SALT:HASH} (salt and hash Base64), blank lines and {@code #}
 * comments allowed. Passwords are only ever stored as salted PBKDF2-HMAC-SHA256 hashes; {@link
 * #entry} writes a line with {@value #DEFAULT_ITERATIONS} iterations and a 16-byte random salt.
 */
public final class Credentials {
  public static final String SCHEME = "pbkdf2-sha256";
  public static final int DEFAULT_ITERATIONS = 600_000;
  private static final int SALT_BYTES = 16;
  private static final int HASH_BITS = 256;
  private static final SecureRandom RANDOM = new SecureRandom();
  private final Map<String, Hash> users;
  // checked for unknown users, so a login takes as long whether or not the user exists
  private final Hash dummy;

  private Credentials(Map<String, Hash> users) {
    this.users = users;
    int iterations =
        users.values().stream().mapToInt(Hash::iterations).max().orElse(DEFAULT_ITERATIONS);
    this.dummy = new Hash(iterations, new byte[SALT_BYTES], new byte[HASH_BITS / 8]);
  }

  private record Hash(int iterations, byte[] salt, byte[] hash) {}

  /** Reads a store; fails naming the file and line when a line is not a hash entry. */
  public static Credentials load(Path file) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw Errors.credentialStoreMissing(file.toString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Map<String, Hash> users = new LinkedHashMap<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).trim();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String[] parts = line.split(":", -1);
      if (parts.length != 5 || parts[0].isEmpty() || !parts[1].equals(SCHEME)) {
        throw Errors.credentialStoreInvalid(file.toString(), i + 1, "not a " + SCHEME + " entry.");
      }
      if (users.containsKey(parts[0])) {
        throw Errors.credentialStoreInvalid(
            file.toString(), i + 1, "user '" + parts[0] + "' is listed twice.");
      }
      try {
        int iterations = Integer.parseInt(parts[2]);
        if (iterations < 1) {
          throw new NumberFormatException(parts[2]);
        }
        users.put(
            parts[0],
            new Hash(
                iterations,
                Base64.getDecoder().decode(parts[3]),
                Base64.getDecoder().decode(parts[4])));
      } catch (IllegalArgumentException e) { // NumberFormatException is one
        throw Errors.credentialStoreInvalid(
            file.toString(), i + 1, "bad iterations, salt or hash (" + e.getMessage() + ").");
      }
    }
    return new Credentials(users);
  }

  /** True when the user is in the store and the password hashes to the stored hash. */
  public boolean check(String user, String password) {
    boolean empty = password == null || password.isEmpty();
    Hash stored = user == null || empty ? null : users.get(user);
    Hash h = stored == null ? dummy : stored;
    // an empty password is refused, after the same work as any other
    char[] given = empty ? new char[] {'-'} : password.toCharArray();
    return MessageDigest.isEqual(pbkdf2(given, h.salt, h.iterations), h.hash) && stored != null;
  }

  /** A store line for the user, with a fresh random salt. */
  public static String entry(String user, char[] password) {
    return entry(user, password, DEFAULT_ITERATIONS);
  }

  static String entry(String user, char[] password, int iterations) {
    if (user.isEmpty() || user.contains(":") || user.contains("#") || !user.strip().equals(user)) {
      throw Errors.badOption("--hash-password", user, "a user name without ':', '#' or spaces");
    }
    if (password.length == 0) {
      throw Errors.badOption("--hash-password", user, "a non-empty password on standard input");
    }
    byte[] salt = new byte[SALT_BYTES];
    RANDOM.nextBytes(salt);
    Base64.Encoder b64 = Base64.getEncoder();
    return String.join(
        ":",
        user,
        SCHEME,
        Integer.toString(iterations),
        b64.encodeToString(salt),
        b64.encodeToString(pbkdf2(password, salt, iterations)));
  }

  private static byte[] pbkdf2(char[] password, byte[] salt, int iterations) {
    PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, HASH_BITS);
    try {
      return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("PBKDF2WithHmacSHA256 is part of every Java 17 runtime", e);
    } finally {
      spec.clearPassword();
    }
  }

  @Override
  public String toString() {
    return "Credentials" + Arrays.toString(users.keySet().toArray());
  }
}
