package io.funnellake.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.funnellake.config.ConfigLoader;
import io.funnellake.errors.FunnelException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import javax.security.sasl.AuthenticationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CredentialsTest {
  @TempDir Path tmp;

  @Test
  void storedLinesAreSaltedHashesThatCheckOnlyTheRightPassword() throws Exception {
    String a = Credentials.entry("analyst", "s3cret".toCharArray(), 1000);
    String b = Credentials.entry("analyst", "s3cret".toCharArray(), 1000);
    assertFalse(a.contains("s3cret"));
    String[] parts = a.split(":");
    assertEquals("analyst", parts[0]);
    assertEquals("pbkdf2-sha256", parts[1]);
    assertEquals("1000", parts[2]);
    assertNotEquals(parts[3], b.split(":")[3], "fresh salt per entry");
    assertNotEquals(parts[4], b.split(":")[4], "so equal passwords hash differently");

    Path store = tmp.resolve("users");
    Files.writeString(store, "# BI users\n\n" + a + "\n");
    Credentials c = Credentials.load(store);
    assertTrue(c.check("analyst", "s3cret"));
    assertFalse(c.check("analyst", "S3cret"));
    assertFalse(c.check("analyst", ""));
    assertFalse(c.check("analyst", null));
    assertFalse(c.check("anonymous", "anonymous"));
    assertFalse(c.check(null, "s3cret"));
  }

  @Test
  void plainTextOrBrokenLinesAreRejectedNamingFileAndLine() throws Exception {
    Path store = tmp.resolve("users");
    Files.writeString(store, "# users\nanalyst:s3cret\n");
    FunnelException e = assertThrows(FunnelException.class, () -> Credentials.load(store));
    assertEquals("CREDENTIALS_INVALID", e.code());
    assertTrue(e.problem().contains(store + ", line 2"), e.problem());

    Files.writeString(store, "analyst:pbkdf2-sha256:many:AAAA:AAAA\n");
    assertEquals(
        "CREDENTIALS_INVALID",
        assertThrows(FunnelException.class, () -> Credentials.load(store)).code());
    assertEquals(
        "CREDENTIALS_MISSING",
        assertThrows(FunnelException.class, () -> Credentials.load(tmp.resolve("nope"))).code());
  }

  @Test
  void authenticatorRefusesWrongPasswordsAndAnonymousLogins() throws Exception {
    Path store = tmp.resolve("users");
    Files.writeString(store, Credentials.entry("bi", "pw-1".toCharArray(), 1000) + "\n");
    PasswordAuthenticator.useStore(store);
    try {
      PasswordAuthenticator auth = new PasswordAuthenticator();
      auth.Authenticate("bi", "pw-1");
      assertThrows(AuthenticationException.class, () -> auth.Authenticate("bi", "pw-2"));
      assertThrows(
          AuthenticationException.class, () -> auth.Authenticate("anonymous", "anonymous"));
      assertThrows(AuthenticationException.class, () -> auth.Authenticate("", ""));
    } finally {
      PasswordAuthenticator.useStore(null);
    }
  }

  @Test
  void nonLoopbackAddressWithoutCredentialsIsRefusedBeforeStarting() {
    FunnelException e =
        assertThrows(
            FunnelException.class,
            () ->
                ServeSettings.parse(ConfigLoader.load(null, Map.of("serve.host", "\"0.0.0.0\""))));
    assertEquals("SERVE_AUTH_REQUIRED", e.code());
    assertTrue(e.problem().contains("0.0.0.0"), e.problem());

    ServeSettings local = ServeSettings.parse(ConfigLoader.load(null, Map.of()));
    assertEquals("jdbc:hive2://127.0.0.1:10000/default", local.jdbcUrl());
    assertFalse(local.authenticated());

    ServeSettings open =
        ServeSettings.parse(
            ConfigLoader.load(
                null,
                Map.of(
                    "serve.host", "\"0.0.0.0\"",
                    "serve.port", "10001",
                    "serve.credentials", "\"conf/users\"",
                    "home", "\"/srv/funnel\"")));
    assertTrue(open.authenticated());
    assertEquals(Path.of("/srv/funnel/conf/users"), open.credentials());
    assertTrue(ServeSettings.isLoopback("localhost"));
    assertTrue(ServeSettings.isLoopback("::1"));
    assertFalse(ServeSettings.isLoopback("0.0.0.0"));
  }
}
