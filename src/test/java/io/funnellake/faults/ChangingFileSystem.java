package io.funnellake.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.permission.FsPermission;
import org.apache.spark.sql.SparkSession;

/**
 * The local file system under the scheme {@code changing://}, whose {@code open} first runs an
 * action a test registered for the file name: the file changes after the landing scan listed it and
 * before the reader sees its bytes, deterministically. Spark runs locally, so the reading tasks run
 * in this JVM and see the actions.
 */
public final class ChangingFileSystem extends RawLocalFileSystem {
  static final String SCHEME = "changing";

  /** What to do to a file just before it is opened. */
  interface Change {
    void apply(java.nio.file.Path file) throws IOException;
  }

  private static final Map<String, Change> BEFORE_OPEN = new ConcurrentHashMap<>();

  /** Makes {@code changing://} usable in the session's Hadoop configuration. */
  static void register(SparkSession spark) {
    spark.sparkContext().hadoopConfiguration().set("fs." + SCHEME + ".impl", name());
  }

  private static String name() {
    return ChangingFileSystem.class.getName();
  }

  /** The landing root as a {@code changing://} URI. */
  static String uri(java.nio.file.Path localFolder) {
    return SCHEME + "://" + localFolder.toAbsolutePath();
  }

  /** Runs {@code change} once, when a file with this name is next opened. */
  static void beforeOpen(String fileName, Change change) {
    BEFORE_OPEN.put(fileName, change);
  }

  static void clear() {
    BEFORE_OPEN.clear();
  }

  @Override
  public URI getUri() {
    return URI.create(SCHEME + ":///");
  }

  @Override
  public String getScheme() {
    return SCHEME;
  }

  // The local statuses load their permissions lazily through java.io.File, which only takes
  // file: URIs; plain statuses with fixed permissions keep listing working under this scheme.
  @Override
  public FileStatus getFileStatus(Path f) throws IOException {
    return plain(super.getFileStatus(f));
  }

  @Override
  public FileStatus[] listStatus(Path f) throws IOException {
    FileStatus[] all = super.listStatus(f);
    FileStatus[] out = new FileStatus[all.length];
    for (int i = 0; i < all.length; i++) {
      out[i] = plain(all[i]);
    }
    return out;
  }

  private static FileStatus plain(FileStatus s) {
    FsPermission permission =
        s.isDirectory() ? FsPermission.getDirDefault() : FsPermission.getFileDefault();
    return new FileStatus(
        s.getLen(),
        s.isDirectory(),
        s.getReplication(),
        s.getBlockSize(),
        s.getModificationTime(),
        s.getAccessTime(),
        permission,
        "funnel",
        "funnel",
        s.getPath());
  }

  @Override
  public FSDataInputStream open(Path f, int bufferSize) throws IOException {
    Change change = BEFORE_OPEN.remove(f.getName());
    if (change != null) {
      try {
        change.apply(pathToFile(f).toPath());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return super.open(f, bufferSize);
  }
}
