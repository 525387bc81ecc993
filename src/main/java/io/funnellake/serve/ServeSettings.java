package io.funnellake.serve;

import io.funnellake.config.FunnelConfig;
import io.funnellake.config.Settings;
import io.funnellake.errors.Errors;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code funnel.serve}: where the JDBC server listens and how logins are checked. Defaults: host
 * 127.0.0.1, port 10000, no credential store (then only a loopback host is allowed), catalog
 * refresh every 60 s.
 *
 * @param host address to bind
 * @param port TCP port
 * @param credentials absolute path of the credential store, or null for no authentication
 * @param refreshSeconds seconds between re-reads of the latest publication (0 = never)
 */
public record ServeSettings(String host, int port, Path credentials, int refreshSeconds) {

  /** Parses and checks the section: a non-loopback host without credentials fails here. */
  public static ServeSettings parse(FunnelConfig config) {
    Settings s = config.section("serve");
    String store = s.string("credentials").trim();
    ServeSettings out =
        new ServeSettings(
            s.string("host").trim(),
            s.integer("port"),
            store.isEmpty() ? null : Path.of(config.home()).resolve(store).normalize(),
            s.integer("refresh_seconds"));
    if (out.port < 1 || out.port > 65535) {
      throw Errors.badConfig(s.path("port"), s.origin("port"), "Expected 1..65535.", null);
    }
    if (out.refreshSeconds < 0) {
      throw Errors.badConfig(
          s.path("refresh_seconds"), s.origin("refresh_seconds"), "Expected 0 or more.", null);
    }
    if (out.credentials == null && !isLoopback(out.host)) {
      throw Errors.serveNeedsCredentials(out.host);
    }
    return out;
  }

  public boolean authenticated() {
    return credentials != null;
  }

  /** The URL a JDBC client (BI tool, beeline) uses; a wildcard host is shown as this machine. */
  public String jdbcUrl() {
    String h = List.of("0.0.0.0", "::", "").contains(host) ? localName() : host;
    return "jdbc:hive2://" + (h.contains(":") ? "[" + h + "]" : h) + ":" + port + "/default";
  }

  /** Loopback by name or address; a host name is resolved, an unknown one is not loopback. */
  static boolean isLoopback(String host) {
    if (host.equals("localhost")) {
      return true;
    }
    try {
      for (InetAddress a : InetAddress.getAllByName(host)) {
        if (!a.isLoopbackAddress()) {
          return false;
        }
      }
      return !host.isEmpty();
    } catch (UnknownHostException e) {
      return false;
    }
  }

  private static String localName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "localhost";
    }
  }
}
