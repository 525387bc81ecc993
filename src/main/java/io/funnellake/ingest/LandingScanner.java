package io.funnellake.ingest;

import io.funnellake.errors.Errors;
import io.funnellake.ingest.mapping.EntityMapping;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.PathMatcher;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;

/**
 * Lists the files of a mapping's landing folder (recursively, matching its file patterns; hidden
 * files, {@code _SUCCESS} markers and checksum files ignored). Works on any Hadoop file system.
 */
public final class LandingScanner {
  private static final Pattern DATE =
      Pattern.compile("(?:^|[^0-9])(\\d{4}-\\d{2}-\\d{2})(?![0-9])");

  private final Configuration hadoop;
  private final String landingRoot;

  public LandingScanner(Configuration hadoop, String landingRoot) {
    this.hadoop = hadoop;
    this.landingRoot =
        landingRoot.endsWith("/")
            ? landingRoot.substring(0, landingRoot.length() - 1)
            : landingRoot;
  }

  /** Fails with a clear error when the landing root itself is missing. */
  public void checkRoot() {
    try {
      Path root = new Path(landingRoot);
      if (!root.getFileSystem(hadoop).exists(root)) {
        throw Errors.landingMissing(landingRoot);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot check landing root " + landingRoot, e);
    }
  }

  /**
   * Files of the mapping, sorted by path; empty when its folder is missing and the mapping is not
   * required (the caller records the skip).
   */
  public Optional<List<LandingFile>> scan(EntityMapping mapping) {
    String folder = landingRoot + "/" + mapping.folder();
    List<PathMatcher> matchers =
        mapping.filePatterns().stream()
            .map(p -> FileSystems.getDefault().getPathMatcher("glob:" + p))
            .toList();
    try {
      Path dir = new Path(folder);
      FileSystem fs = dir.getFileSystem(hadoop);
      if (!fs.exists(dir)) {
        if (mapping.required()) {
          throw Errors.requiredFolderMissing(folder, mapping.mappingFile(), mapping.configKey());
        }
        return Optional.empty();
      }
      List<LandingFile> out = new ArrayList<>();
      String dirPrefix = display(fs.makeQualified(dir));
      for (FileStatus s : filesUnder(fs, dir)) {
        String name = s.getPath().getName();
        if (name.startsWith(".") || name.startsWith("_") || name.endsWith(".crc")) {
          continue;
        }
        if (matchers.stream().noneMatch(m -> m.matches(java.nio.file.Path.of(name)))) {
          continue;
        }
        String full = display(s.getPath());
        String relative = full.startsWith(dirPrefix) ? full.substring(dirPrefix.length()) : full;
        out.add(
            new LandingFile(
                full,
                s.getLen(),
                Instant.ofEpochMilli(s.getModificationTime()),
                fileDate(relative)));
      }
      out.sort((a, b) -> a.path().compareTo(b.path()));
      return Optional.of(out);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list landing folder " + folder, e);
    }
  }

  /**
   * Every file below {@code dir}. On a local folder the tree is walked with plain statuses: a
   * recursive {@code listFiles} builds located statuses, whose permission Hadoop reads by starting
   * an {@code ls} process per file where it has no native library (thousands a night). Object
   * stores keep their flat recursive listing, one request per page instead of one per folder.
   */
  static List<FileStatus> filesUnder(FileSystem fs, Path dir) throws IOException {
    List<FileStatus> files = new ArrayList<>();
    if (!(fs instanceof LocalFileSystem)) {
      RemoteIterator<LocatedFileStatus> it = fs.listFiles(dir, true);
      while (it.hasNext()) {
        files.add(it.next());
      }
      return files;
    }
    ArrayDeque<Path> folders = new ArrayDeque<>(List.of(dir));
    while (!folders.isEmpty()) {
      for (FileStatus s : fs.listStatus(folders.poll())) {
        if (s.isDirectory()) {
          folders.add(s.getPath());
        } else {
          files.add(s);
        }
      }
    }
    return files;
  }

  /** Local files without the {@code file:} scheme, as users write them; other URIs as they are. */
  static String display(Path p) {
    String s = p.toString();
    return s.startsWith("file:/") ? p.toUri().getPath() : s;
  }

  /** The last {@code yyyy-MM-dd} in a relative path (folder or file name), or null. */
  static LocalDate fileDate(String relativePath) {
    Matcher m = DATE.matcher(relativePath);
    LocalDate last = null;
    while (m.find()) {
      try {
        last = LocalDate.parse(m.group(1));
      } catch (DateTimeParseException ignored) {
        // 2025-13-45 is not a date: not a dated folder
      }
    }
    return last;
  }
}
