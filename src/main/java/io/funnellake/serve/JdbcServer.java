package io.funnellake.serve;

import io.funnellake.lakehouse.Catalog;
import io.funnellake.lakehouse.Lakehouse;
import java.nio.file.Path;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.hive.thriftserver.HiveThriftServer2;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Spark's Thrift JDBC server (the HiveServer2 protocol BI tools speak) over one lakehouse session:
 * clients see the same names as {@code funnel sql} (bronze.*, silver.*, gold.* pinned to the latest
 * publication, ops.*). Each JDBC connection gets its own Spark session over the shared catalog,
 * which is re-registered every {@code refresh_seconds} so gold follows new publications.
 */
public final class JdbcServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(JdbcServer.class);
  static final String CUSTOM_CLASS = "hive.server2.custom.authentication.class";

  private final HiveThriftServer2 server;
  private final ScheduledExecutorService refresher;
  private final ServeSettings settings;

  private JdbcServer(
      HiveThriftServer2 server, ScheduledExecutorService refresher, ServeSettings settings) {
    this.server = server;
    this.refresher = refresher;
    this.settings = settings;
  }

  /** Registers the catalog and starts listening; returns once the port is bound. */
  public static JdbcServer start(Lakehouse lakehouse, ServeSettings settings) {
    Catalog.register(lakehouse);
    SparkSession spark = lakehouse.spark();
    // HiveServer2 reads its settings from the session's Hadoop configuration
    spark.conf().set("hive.server2.transport.mode", "binary");
    spark.conf().set("hive.server2.thrift.bind.host", settings.host());
    spark.conf().set("hive.server2.thrift.port", Integer.toString(settings.port()));
    if (settings.authenticated()) {
      PasswordAuthenticator.useStore(settings.credentials());
      spark.conf().set("hive.server2.authentication", "CUSTOM");
      spark.conf().set(CUSTOM_CLASS, PasswordAuthenticator.class.getName());
      // the CUSTOM provider is looked up in a fresh HiveConf, which sees system properties only
      System.setProperty(CUSTOM_CLASS, PasswordAuthenticator.class.getName());
    } else {
      spark.conf().set("hive.server2.authentication", "NONE");
    }
    // the server's scratch metastore is an in-memory Derby, which would log into the working folder
    if (System.getProperty("derby.stream.error.file") == null) {
      System.setProperty(
          "derby.stream.error.file",
          Path.of(System.getProperty("java.io.tmpdir"), "funnel-serve-derby.log").toString());
    }
    HiveThriftServer2 server = HiveThriftServer2.startWithContext(spark.sqlContext());
    ScheduledExecutorService refresher = null;
    if (settings.refreshSeconds() > 0) {
      refresher =
          Executors.newSingleThreadScheduledExecutor(
              r -> {
                Thread t = new Thread(r, "funnel-catalog-refresh");
                t.setDaemon(true);
                return t;
              });
      refresher.scheduleWithFixedDelay(
          () -> refresh(lakehouse),
          settings.refreshSeconds(),
          settings.refreshSeconds(),
          TimeUnit.SECONDS);
    }
    return new JdbcServer(server, refresher, settings);
  }

  private static void refresh(Lakehouse lakehouse) {
    try {
      Catalog.register(lakehouse);
    } catch (RuntimeException e) { // keep serving the previous publication; retry next time
      LOG.warn("Catalog refresh failed, still serving the previous publication: {}", e.toString());
    }
  }

  public String jdbcUrl() {
    return settings.jdbcUrl();
  }

  @Override
  public void close() {
    if (refresher != null) {
      refresher.shutdownNow();
    }
    server.stop();
  }
}
