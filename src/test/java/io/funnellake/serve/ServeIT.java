package io.funnellake.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.funnellake.lakehouse.Lakehouse;
import io.funnellake.publish.Publications;
import io.funnellake.testing.TestConfigs;
import io.funnellake.testing.TinyLakehouse;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code funnel serve} end to end: the Thrift JDBC server over the tiny lakehouse with
 * authentication on, queried with the real Hive JDBC driver.
 */
class ServeIT {
  static final String USER = "analyst";
  static final String PASSWORD = "correct horse battery";
  @TempDir static Path tmp;
  static Lakehouse lakehouse;
  static JdbcServer server;
  // one login for all queries: each login costs a full PBKDF2 check
  static Connection connection;

  @BeforeAll
  static void start() throws Exception {
    lakehouse = TinyLakehouse.get();
    Path store = tmp.resolve("users");
    Files.writeString(
        store, "# BI users\n" + Credentials.entry(USER, PASSWORD.toCharArray()) + "\n");
    var config =
        TestConfigs.config(
            Path.of(lakehouse.root()),
            TinyLakehouse.LANDING,
            TinyLakehouse.RUN_DATE,
            "serve.port",
            Integer.toString(freePort()),
            "serve.credentials",
            "\"" + store + "\"");
    long t0 = System.nanoTime();
    server = JdbcServer.start(lakehouse, ServeSettings.parse(config));
    connection = DriverManager.getConnection(server.jdbcUrl(), USER, PASSWORD);
    List<List<String>> first =
        jdbc("SELECT sum(total_leads) FROM gold.daily_leads_by_source_stage");
    System.out.printf(
        "ServeIT: local nightly %.1f s; server start to first answer %.1f s (%s)%n",
        TinyLakehouse.buildSeconds(), (System.nanoTime() - t0) / 1e9, server.jdbcUrl());
    assertEquals(List.of(List.of("5")), first, "five accepted leads, one per created day");
  }

  @AfterAll
  static void stop() throws SQLException {
    if (connection != null) {
      connection.close();
    }
    if (server != null) {
      server.close();
    }
  }

  @Test
  void everyGoldTableOverJdbcEqualsTheSameQueryInSparkSql() throws Exception {
    Set<String> tables = new Publications(lakehouse).latest().keySet();
    assertFalse(tables.isEmpty());
    assertEquals(
        new TreeSet<>(tables),
        new TreeSet<>(jdbc("SHOW TABLES IN gold").stream().map(r -> r.get(1)).toList()),
        "BI tools discover the published gold tables by name");
    for (String table : tables) {
      String query = "SELECT * FROM gold." + table;
      List<List<String>> overJdbc = jdbc(query);
      assertFalse(overJdbc.isEmpty(), table);
      assertEquals(sorted(spark(query)), sorted(overJdbc), table);
    }
  }

  @Test
  void goldValuesArriveExact() throws Exception {
    assertEquals(
        List.of(
            List.of("2025-11-02", "webinar", "marketing", "disqualified", "1"),
            List.of("2025-11-19", "webinar", "marketing", "lead", "1")),
        jdbc(
            "SELECT created_date, channel, sourced_by, current_status, total_leads"
                + " FROM gold.daily_leads_by_source_stage WHERE channel = 'webinar'"
                + " ORDER BY created_date"));
  }

  @Test
  void aWrongPasswordIsRefused() {
    assertThrows(
        SQLException.class, () -> DriverManager.getConnection(server.jdbcUrl(), USER, "wrong"));
  }

  @Test
  void anonymousLoginsAreRefused() {
    assertThrows(SQLException.class, () -> DriverManager.getConnection(server.jdbcUrl()));
    assertThrows(SQLException.class, () -> DriverManager.getConnection(server.jdbcUrl(), "", ""));
    assertThrows(
        SQLException.class,
        () -> DriverManager.getConnection(server.jdbcUrl(), "anonymous", "anonymous"));
  }

  private static List<List<String>> jdbc(String query) throws SQLException {
    try (Statement s = connection.createStatement();
        ResultSet rs = s.executeQuery(query)) {
      int n = rs.getMetaData().getColumnCount();
      List<List<String>> rows = new ArrayList<>();
      while (rs.next()) {
        List<String> row = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
          row.add(text(rs.getObject(i)));
        }
        rows.add(row);
      }
      return rows;
    }
  }

  /** The same query in Spark SQL; nested values as JSON, the form the JDBC server sends. */
  private static List<List<String>> spark(String query) {
    Dataset<Row> df = lakehouse.spark().sql(query);
    List<Column> cols = new ArrayList<>();
    for (StructField f : df.schema().fields()) {
      boolean nested =
          f.dataType() instanceof ArrayType
              || f.dataType() instanceof MapType
              || f.dataType() instanceof StructType;
      cols.add(nested ? functions.to_json(functions.col(f.name())) : functions.col(f.name()));
    }
    List<List<String>> rows = new ArrayList<>();
    // gold tables of the tiny company are a handful of rows
    for (Row r : df.select(cols.toArray(Column[]::new)).collectAsList()) {
      List<String> row = new ArrayList<>();
      for (int i = 0; i < r.size(); i++) {
        row.add(text(r.get(i)));
      }
      rows.add(row);
    }
    return rows;
  }

  private static String text(Object v) {
    if (v == null) {
      return "NULL";
    }
    return v instanceof BigDecimal d ? d.stripTrailingZeros().toPlainString() : v.toString();
  }

  private static List<List<String>> sorted(List<List<String>> rows) {
    List<List<String>> out = new ArrayList<>(rows);
    out.sort((a, b) -> String.join("\u0001", a).compareTo(String.join("\u0001", b)));
    return out;
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
