package io.funnellake.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/** Writes landing files for tests: {@code write("leads/2025-11-04/a.csv", "lead_id,...\n...")}. */
public final class TestLanding {
  private final Path root;

  public TestLanding(Path root) {
    this.root = root;
  }

  public Path root() {
    return root;
  }

  public Path write(String relative, String content) {
    return writeBytes(relative, content.getBytes(StandardCharsets.UTF_8));
  }

  public Path writeBytes(String relative, byte[] content) {
    try {
      Path p = root.resolve(relative);
      Files.createDirectories(p.getParent());
      Files.write(p, content);
      return p;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public Path writeGzip(String relative, String content) {
    try {
      Path p = root.resolve(relative);
      Files.createDirectories(p.getParent());
      try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(p))) {
        out.write(content.getBytes(StandardCharsets.UTF_8));
      }
      return p;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Lines joined with LF and a final LF. */
  public static String csv(String... lines) {
    return String.join("\n", lines) + "\n";
  }
}
