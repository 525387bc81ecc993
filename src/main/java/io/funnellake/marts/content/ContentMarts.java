package io.funnellake.marts.content;

import io.funnellake.marts.Mart;
import java.util.List;

/** The content marts, in build order (the interactions they share first). */
public final class ContentMarts {
  private ContentMarts() {}

  public static List<Mart> all() {
    return List.of(new ContentInteractions(), new ContentUsage(), new ContentWonCoverage());
  }
}
