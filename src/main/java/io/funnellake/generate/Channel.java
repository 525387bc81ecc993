package io.funnellake.generate;

/**
 * Marketing channels of the synthetic company with their share of new leads and their funnel rates:
 * P(MQL | lead), P(SQL | MQL), P(opportunity | SQL), P(won | opportunity). The rates are averages;
 * each lead's fit and its rep's speed move them up or down.
 */
enum Channel {
  PAID_SEARCH("paid_search", "Google Ads", 17, 0.36, 0.34, 0.62, 0.22, 1.0),
  PAID_SOCIAL("paid_social", "LinkedIn", 12, 0.20, 0.26, 0.55, 0.16, 0.9),
  ORGANIC_SEARCH("organic_search", "Organic Search", 13, 0.32, 0.36, 0.64, 0.25, 1.0),
  EMAIL("email", "Email", 6, 0.26, 0.30, 0.58, 0.20, 0.9),
  WEBINAR("webinar", "Webinar", 9, 0.44, 0.33, 0.60, 0.23, 1.05),
  EVENTS("events", "Trade Show", 7, 0.40, 0.32, 0.60, 0.21, 1.25),
  CONTENT("content", "Content Syndication", 10, 0.24, 0.26, 0.56, 0.17, 0.9),
  REFERRAL("referral", "Customer Referral", 4, 0.62, 0.52, 0.74, 0.36, 1.1),
  PARTNER("partner", "Partner", 5, 0.52, 0.46, 0.70, 0.30, 1.3),
  DIRECT("direct", "Direct", 6, 0.42, 0.42, 0.66, 0.27, 1.0),
  OUTBOUND("outbound", "Outbound", 11, 0.0, 0.0, 0.52, 0.20, 1.15);

  final String label;

  /** What the CRM's lead source picklist says. */
  final String leadSource;

  final double share;
  final double mqlRate;
  final double sqlRate;
  final double oppRate;
  final double winRate;

  /** Multiplier on deal size. */
  final double dealFactor;

  Channel(
      String label,
      String leadSource,
      double share,
      double mqlRate,
      double sqlRate,
      double oppRate,
      double winRate,
      double dealFactor) {
    this.label = label;
    this.leadSource = leadSource;
    this.share = share;
    this.mqlRate = mqlRate;
    this.sqlRate = sqlRate;
    this.oppRate = oppRate;
    this.winRate = winRate;
    this.dealFactor = dealFactor;
  }

  static final Channel[] ALL = values();

  static double[] shares() {
    double[] w = new double[ALL.length];
    for (int i = 0; i < w.length; i++) {
      w[i] = ALL[i].share;
    }
    return w;
  }

  String sourcedBy() {
    return this == OUTBOUND ? "sales" : this == PARTNER ? "partner" : "marketing";
  }
}
