package io.funnellake.generate;

import java.io.Serializable;

/**
 * A campaign of the synthetic company. Leads and responses reference campaigns active at their time
 * ({@code startSec .. endSec}); the export shows the budget first and the actual cost once the
 * campaign has ended.
 */
record Campaign(
    String id,
    String name,
    String type,
    Channel channel,
    String parentId,
    String region,
    String startDate,
    String endDate,
    long startSec,
    long endSec,
    long budget,
    long actualCost,
    String currency)
    implements Serializable {

  boolean activeAt(long sec) {
    return sec >= startSec && sec <= endSec;
  }
}
