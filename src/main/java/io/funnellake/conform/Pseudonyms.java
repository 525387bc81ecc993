package io.funnellake.conform;

import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.encode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.regexp_replace;
import static org.apache.spark.sql.functions.sha2;
import static org.apache.spark.sql.functions.substring;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.unhex;
import static org.apache.spark.sql.functions.when;

import io.funnellake.contract.Entity;
import io.funnellake.contract.Field;
import io.funnellake.contract.Pii;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Keyed pseudonyms: HMAC-SHA256 (RFC 2104) of a normalised value, written with Spark's built-in
 * {@code sha2} so no UDF runs, truncated to 128 bits (32 hex characters). A plain hash would be
 * reversible by hashing a list of known e-mails; without the key it is not. Each kind has its own
 * prefix, so an e-mail and a phone with the same text do not share a pseudonym.
 */
public final class Pseudonyms {
  public static final int HEX_LENGTH = 32;
  private static final int BLOCK = 64;

  private final byte[] innerPad;
  private final byte[] outerPad;
  private final byte[] key;

  public Pseudonyms(String key) {
    byte[] k = key.getBytes(StandardCharsets.UTF_8);
    if (k.length > BLOCK) {
      k = sha256(k);
    }
    this.key = key.getBytes(StandardCharsets.UTF_8);
    innerPad = new byte[BLOCK];
    outerPad = new byte[BLOCK];
    for (int i = 0; i < BLOCK; i++) {
      byte b = i < k.length ? k[i] : 0;
      innerPad[i] = (byte) (b ^ 0x36);
      outerPad[i] = (byte) (b ^ 0x5c);
    }
  }

  /** HMAC of {@code kind:value} as a Spark expression; null stays null. */
  public Column hmac(Column value, String kind) {
    Column message = encode(concat(lit(kind + ":"), value), "UTF-8");
    Column inner = unhex(sha2(concat(lit(innerPad), message), 256));
    Column mac = sha2(concat(lit(outerPad), inner), 256);
    return when(value.isNotNull(), substring(mac, 1, HEX_LENGTH));
  }

  /** The same pseudonym computed in the JVM (for tests, tools and the key check). */
  public String hmacHex(String kind, String value) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      byte[] out = mac.doFinal((kind + ":" + value).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(out).substring(0, HEX_LENGTH);
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Short id of the key (not the key): stored with the lakehouse to detect a key change. */
  public String keyId() {
    return hmacHex("key-id", "funnel-lake").substring(0, 12);
  }

  /** Normalisation before hashing, so formatting differences do not split one person in two. */
  public static Column normalised(Column value, Pii kind) {
    return switch (kind) {
      case EMAIL -> lower(trim(value));
      case NAME -> lower(trim(regexp_replace(value, "\\s+", " ")));
      case PHONE -> regexp_replace(value, "[^0-9+]", "");
      case NONE -> value;
    };
  }

  /**
   * Replaces every PII field of the entity with {@code <field>_pseudonym}; drops the clear value.
   */
  public Dataset<Row> apply(Dataset<Row> typed, Entity entity) {
    Dataset<Row> out = typed;
    for (Field f : entity.fields()) {
      if (f.pii() != Pii.NONE) {
        Column n = normalised(out.col(f.name()), f.pii());
        out =
            out.withColumn(
                    f.silverName(), hmac(when(n.notEqual(""), n), f.pii().name().toLowerCase()))
                .drop(f.name());
      }
    }
    return out;
  }

  /** Pseudonymous id for a lead id, the only lead identifier allowed in gold. */
  public Column leadKey(Column leadId) {
    return hmac(leadId, "lead");
  }

  private static byte[] sha256(byte[] b) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(b);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
