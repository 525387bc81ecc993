package io.funnellake.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

/** SHA-256 of a file's stored bytes, read on the driver; only used for files that look changed. */
public final class Checksums {
  private Checksums() {}

  public static String sha256(String path, Configuration conf) {
    try {
      Path p = new Path(path);
      MessageDigest d = MessageDigest.getInstance("SHA-256");
      try (InputStream in = p.getFileSystem(conf).open(p)) {
        byte[] buf = new byte[1 << 16];
        int n;
        while ((n = in.read(buf)) > 0) {
          d.update(buf, 0, n);
        }
      }
      return HexFormat.of().formatHex(d.digest());
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + path + " to compute its checksum", e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
