package io.funnellake.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local walk lists exactly what Hadoop's recursive listing does, at any depth. */
class LandingScannerTest {
  @TempDir java.nio.file.Path tmp;

  @Test
  void theLocalWalkFindsEveryFileHadoopsRecursiveListingFinds() throws Exception {
    for (String f :
        List.of(
            "leads/2025-11-01/leads.csv",
            "leads/2025-11-02/part/leads-a.csv.gz",
            "leads/2025-11-02/part/deeper/leads-b.csv",
            "leads/2025-11-03/_SUCCESS",
            "leads/.hidden/leads.csv",
            "leads/notes.txt",
            "leads/empty-folder/.keep")) {
      java.nio.file.Path p = tmp.resolve(f);
      Files.createDirectories(p.getParent());
      Files.writeString(p, "x");
    }
    Files.createDirectories(tmp.resolve("leads/no-files/at-all"));
    Path dir = new Path(tmp.resolve("leads").toUri());
    FileSystem fs = dir.getFileSystem(new Configuration());
    assertTrue(fs instanceof LocalFileSystem, fs.getClass().getName());

    List<String> walked = new ArrayList<>();
    for (FileStatus s : LandingScanner.filesUnder(fs, dir)) {
      walked.add(s.getPath().toString() + " " + s.getLen());
    }
    List<String> listed = new ArrayList<>();
    RemoteIterator<LocatedFileStatus> it = fs.listFiles(dir, true);
    while (it.hasNext()) {
      LocatedFileStatus s = it.next();
      listed.add(s.getPath().toString() + " " + s.getLen());
    }
    walked.sort(String::compareTo);
    listed.sort(String::compareTo);
    assertEquals(7, walked.size(), walked.toString());
    assertEquals(listed, walked);
  }
}
