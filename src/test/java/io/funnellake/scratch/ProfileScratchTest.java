package io.funnellake.scratch;

import io.funnellake.faults.ScratchAccess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import java.nio.file.Path;

class ProfileScratchTest {
  @TempDir Path tmp;

  @Test
  void profile() throws Exception {
    ScratchAccess.profile(tmp);
  }
}
