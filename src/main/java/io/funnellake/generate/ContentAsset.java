package io.funnellake.generate;

import java.io.Serializable;

/** A piece of marketing content; downloads reference assets published before them. */
record ContentAsset(
    String id,
    String title,
    String assetType,
    String persona,
    String funnelStage,
    long publishedSec)
    implements Serializable {}
