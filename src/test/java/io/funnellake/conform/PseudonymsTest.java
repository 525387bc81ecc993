package io.funnellake.conform;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.funnellake.contract.Entity;
import io.funnellake.testing.TestFrames;
import io.funnellake.testing.TestSpark;
import org.junit.jupiter.api.Test;

class PseudonymsTest {
  @Test
  void theSparkExpressionEqualsJavaxCryptoHmacSha256ForShortAndLongKeys() {
    // javax.crypto.Mac is the reference; a key over 64 bytes is hashed first (RFC 2104)
    for (String key :
        new String[] {
          "an-example-key-of-more-than-32-characters",
          "a-very-long-key-".repeat(8) + "that-exceeds-the-64-byte-block"
        }) {
      Pseudonyms p = new Pseudonyms(key);
      var row =
          TestSpark.session()
              .range(1)
              .select(
                  p.hmac(lit("what do ya want for nothing?"), "email"),
                  p.hmac(lit(null).cast("string"), "email"))
              .head();
      assertEquals(p.hmacHex("email", "what do ya want for nothing?"), row.getString(0));
      assertEquals(null, row.get(1));
    }
  }

  @Test
  void normalisationJoinsFormattingVariantsAndTheKeyMatters() {
    var leads =
        TestFrames.strings(
            "email,phone,name",
            " Ann@Acme.COM ,+1 (555) 010-1,Ann   Lee",
            "ann@acme.com,+15550101,ann lee");
    Pseudonyms a = new Pseudonyms("key-a-0123456789-0123456789-0123456789");
    Pseudonyms b = new Pseudonyms("key-b-0123456789-0123456789-0123456789");
    var rows =
        leads
            .select(
                a.hmac(
                    Pseudonyms.normalised(col("email"), io.funnellake.contract.Pii.EMAIL), "email"),
                a.hmac(
                    Pseudonyms.normalised(col("phone"), io.funnellake.contract.Pii.PHONE), "phone"),
                a.hmac(Pseudonyms.normalised(col("name"), io.funnellake.contract.Pii.NAME), "name"),
                b.hmac(
                    Pseudonyms.normalised(col("email"), io.funnellake.contract.Pii.EMAIL), "email"))
            .collectAsList();
    assertEquals(rows.get(0).get(0), rows.get(1).get(0));
    assertEquals(rows.get(0).get(1), rows.get(1).get(1));
    assertEquals(rows.get(0).get(2), rows.get(1).get(2));
    assertNotEquals(rows.get(0).get(0), rows.get(0).get(3), "another key, another pseudonym");
    assertEquals(a.hmacHex("email", "ann@acme.com"), rows.get(0).getString(0));
  }

  @Test
  void piiColumnsAreReplacedAndEmptyValuesStayNull() {
    var typed = TestFrames.strings("lead_id,email,first_name,last_name,phone", "L1,,Ann,,555");
    Pseudonyms p = new Pseudonyms("key-a-0123456789-0123456789-0123456789");
    var out = p.apply(typed, Entity.LEADS);
    assertEquals(
        java.util.List.of(
            "lead_id",
            "email_pseudonym",
            "first_name_pseudonym",
            "last_name_pseudonym",
            "phone_pseudonym"),
        java.util.List.of(out.columns()));
    var r = out.head();
    assertEquals(null, r.get(1));
    assertEquals(p.hmacHex("name", "ann"), r.getString(2));
    assertEquals(p.hmacHex("phone", "555"), r.getString(4));
  }
}
