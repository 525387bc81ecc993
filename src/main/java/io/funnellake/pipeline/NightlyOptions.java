package io.funnellake.pipeline;

import io.funnellake.ingest.Ingest;

/**
 * Options of one nightly run beyond the config.
 *
 * @param reprocess files dated in this range are read again although ingested before
 * @param fullRefresh drop bronze, silver, quarantine and the ingest log, then load everything
 * @param forcePublish publish although an error-level quality rule failed (recorded in the run log)
 */
public record NightlyOptions(Ingest.Options reprocess, boolean fullRefresh, boolean forcePublish) {
  public static final NightlyOptions DEFAULT =
      new NightlyOptions(Ingest.Options.NONE, false, false);
}
