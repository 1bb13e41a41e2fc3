package org.debforge.orchestrator.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.debforge.core.DebforgeException;
import org.debforge.core.ErrorKind;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.h2.jdbcx.JdbcDataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The metadata database: an H2 file inside the store directory (zero setup), or PostgreSQL for a
 * shared deployment. Opening migrates the schema to the newest version with Flyway; the migrations
 * in {@code db/migration} are written to run on both.
 */
public final class Database implements AutoCloseable {
  private final DataSource dataSource;
  private final String url;
  // H2 drops a file database when its last connection closes; holding one keeps it open (and its
  // file lock held) for as long as this object lives, instead of reopening it per operation.
  private final Connection keepOpen;

  private Database(DataSource dataSource, String url, boolean keepOpen) {
    this.dataSource = dataSource;
    this.url = url;
    try {
      this.keepOpen = keepOpen ? dataSource.getConnection() : null;
    } catch (SQLException e) {
      throw cannotOpen(url, e);
    }
  }

  /** The embedded H2 database {@code db/orchestrator.mv.db} under {@code storeDir}. */
  public static Database embedded(Path storeDir) {
    JdbcDataSource ds = new JdbcDataSource();
    String url = "jdbc:h2:file:" + storeDir.toAbsolutePath().resolve("db").resolve("orchestrator");
    // H2 writes committed changes to the file in the background (every 500 ms by default): a
    // kill -9 lost imports and tags the server had acknowledged (DebOrchestratorKillIT).
    // WRITE_DELAY=0 writes each commit before it returns.
    ds.setURL(url + ";WRITE_DELAY=0");
    ds.setUser("sa");
    return migrated(new Database(ds, url, true));
  }

  /** A PostgreSQL database given by a {@code jdbc:postgresql://...} URL. */
  public static Database postgresql(String jdbcUrl, String user, String password) {
    if (!jdbcUrl.startsWith("jdbc:postgresql:")) {
      throw new DebforgeException(
          ErrorKind.CONFIG,
          "unsupported database URL '" + jdbcUrl + "'",
          "give jdbc:postgresql://HOST:PORT/DB, or no URL for the embedded database");
    }
    PGSimpleDataSource ds = new PGSimpleDataSource();
    ds.setURL(jdbcUrl);
    if (user != null) {
      ds.setUser(user);
    }
    if (password != null) {
      ds.setPassword(password);
    }
    // A pool: PostgreSQL forks a backend per connection, which a server cannot afford per
    // request. Idle connections are closed after a while, so a one-shot CLI command holds one.
    HikariConfig pool = new HikariConfig();
    pool.setDataSource(ds);
    pool.setPoolName("deb-orchestrator");
    pool.setMaximumPoolSize(10);
    pool.setMinimumIdle(0);
    // Unreachable servers are reported by connect() with our message, not at construction.
    pool.setInitializationFailTimeout(-1);
    return migrated(new Database(new HikariDataSource(pool), jdbcUrl, false));
  }

  // Flyway reports every migration at INFO; the CLI's stdout and stderr belong to the user.
  private static final java.util.logging.Logger FLYWAY_LOG = quietFlyway();

  private static java.util.logging.Logger quietFlyway() {
    java.util.logging.Logger log = java.util.logging.Logger.getLogger("org.flywaydb");
    log.setLevel(java.util.logging.Level.WARNING);
    return log;
  }

  /**
   * The newest migration in {@code db/migration} ({@code V7__composes.sql}): bump it with every new
   * migration (DatabaseTest checks it against the resources).
   */
  static final int NEWEST_MIGRATION = 7;

  private static Database migrated(Database db) {
    if (upToDate(db)) {
      return db;
    }
    FLYWAY_LOG.fine("migrating " + db.url);
    try {
      Flyway.configure()
          .dataSource(db.dataSource)
          .locations("classpath:db/migration")
          .load()
          .migrate();
    } catch (FlywayException e) {
      db.close();
      throw new DebforgeException(
          ErrorKind.CONFIG,
          db.url + ": schema migration failed: " + e.getMessage(),
          "the database holds a schema this version of deb-orchestrator cannot migrate",
          e);
    }
    return db;
  }

  /**
   * Whether the schema history already holds every migration, each applied successfully: then
   * Flyway (which scans the class path and validates every migration, about a second of a CLI
   * command's start-up) has nothing to do. Anything else, including no history yet, a failed
   * migration or a version newer than this program knows, is left to Flyway as before.
   */
  private static boolean upToDate(Database db) {
    try (Connection c = db.connect();
        java.sql.Statement st = c.createStatement();
        java.sql.ResultSet rs =
            st.executeQuery("SELECT \"version\", \"success\" FROM \"flyway_schema_history\"")) {
      int newest = 0;
      while (rs.next()) {
        String version = rs.getString(1);
        if (!rs.getBoolean(2)) {
          return false;
        }
        if (version != null) {
          newest = Math.max(newest, Integer.parseInt(version));
        }
      }
      return newest == NEWEST_MIGRATION;
    } catch (SQLException | NumberFormatException | DebforgeException e) {
      return false; // no history table yet, or one Flyway must look at
    }
  }

  public Connection connect() {
    try {
      return dataSource.getConnection();
    } catch (SQLException e) {
      throw cannotOpen(url, e);
    }
  }

  public String url() {
    return url;
  }

  @Override
  public void close() {
    if (dataSource instanceof HikariDataSource pool) {
      pool.close();
    }
    if (keepOpen != null) {
      try {
        keepOpen.close();
      } catch (SQLException ignored) {
        // closing; nothing left to protect
      }
    }
  }

  private static DebforgeException cannotOpen(String url, SQLException e) {
    String hint =
        url.startsWith("jdbc:h2:")
            ? "another deb-orchestrator may be using this store; the embedded database allows one"
                + " process at a time"
            : "check the server, database name, user and password";
    return new DebforgeException(ErrorKind.IO, url + ": " + e.getMessage(), hint, e);
  }
}
