package io.funnellake.generate;

import java.io.Serializable;

/**
 * A CRM user. SDRs follow up MQLs, AEs own opportunities, marketing users own new leads, managers
 * own nothing. The follow-up habits are what the follow-up marts should recover.
 *
 * @param weight share of new leads the rep gets relative to team mates (overloaded reps get more)
 * @param firstTouchHours median hours from MQL to the first touch (log-normal per lead)
 * @param touchMean mean number of touches per MQL
 * @param neglect probability that an MQL assigned to the rep is never touched
 * @param activeFrom first second the rep can own leads
 * @param activeTo last second, or Long.MAX_VALUE while employed
 */
record Rep(
    String id,
    String name,
    String email,
    String team,
    String role,
    String region,
    int capacityHours,
    double weight,
    double firstTouchHours,
    double touchMean,
    double neglect,
    boolean overloaded,
    long createdSec,
    long activeFrom,
    long activeTo,
    String startDate,
    String endDate)
    implements Serializable {

  boolean activeAt(long sec) {
    return sec >= activeFrom && sec <= activeTo;
  }
}
