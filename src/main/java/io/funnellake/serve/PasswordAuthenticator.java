package io.funnellake.serve;

import java.nio.file.Path;
import javax.security.sasl.AuthenticationException;
import org.apache.hive.service.auth.PasswdAuthenticationProvider;

/**
 * HiveServer2 CUSTOM authentication against the credential store of {@code
 * funnel.serve.credentials}. The store is read at every login, so users added or removed take
 * effect without a restart. HiveServer2 instantiates this class by name for each login, hence the
 * store path is handed over through {@link #useStore}.
 */
public final class PasswordAuthenticator implements PasswdAuthenticationProvider {
  private static volatile Path store;

  static void useStore(Path path) {
    store = path;
  }

  @Override
  public void Authenticate(String user, String password) throws AuthenticationException {
    Path s = store;
    if (s == null) {
      throw new AuthenticationException("No credential store configured: login refused");
    }
    boolean ok;
    try {
      ok = Credentials.load(s).check(user, password);
    } catch (RuntimeException e) { // a broken store refuses everyone and says why in the log
      throw new AuthenticationException("Credential store unusable: " + e.getMessage(), e);
    }
    if (!ok) {
      // same message for unknown users and wrong passwords
      throw new AuthenticationException("Login refused for user '" + user + "'");
    }
  }
}
