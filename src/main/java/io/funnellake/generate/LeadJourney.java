package io.funnellake.generate;

import io.funnellake.contract.Entity;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import org.apache.spark.sql.Row;

/**
 * One lead's life: its responses, status changes, sales touches and, if it converts, its
 * opportunity. Everything is drawn from the lead's own random streams, simulated without regard to
 * the window, and then cut at {@code --end} by {@link Export}: what would happen later has not
 * happened yet.
 *
 * <p>Journeys: lead -> mql -> sal -> sql -> opportunity -> won; MQLs that are never touched; SAL
 * skipped (MQL straight to SQL); side exits disqualified (with a reason), lost and recycled, with a
 * later re-MQL; outbound leads created by sales directly at SQL or worked from lead to SAL; partner
 * leads; duplicates merged into the original; a few deleted leads.
 */
final class LeadJourney {
  static final String[] OPP_STAGES = {"qualification", "discovery", "proposal", "negotiation"};
  private static final String[] MARKETING_DQ = {"student", "bad_fit", "wrong_contact", "duplicate"};
  private static final double[] MARKETING_DQ_W = {0.3, 0.4, 0.2, 0.1};
  private static final String[] SDR_DQ = {
    "no_budget", "bad_fit", "competitor", "wrong_contact", "no_response", "student", "duplicate"
  };
  private static final double[] SDR_DQ_W = {0.22, 0.25, 0.12, 0.10, 0.20, 0.04, 0.07};
  private static final String[] NO_RESPONSE = {"no_response"};
  private static final double[] ONE = {1.0};
  private static final String[] SQL_DQ = {"no_budget", "competitor", "bad_fit", "no_response"};
  private static final double[] SQL_DQ_W = {0.35, 0.25, 0.2, 0.2};
  private static final String[] LOST_REASONS = {
    "price", "competitor", "no_decision", "timing", "budget", "missing_feature"
  };
  private static final double[] LOST_W = {0.22, 0.25, 0.25, 0.12, 0.1, 0.06};
  private static final String[] ROLES = {
    "decision_maker", "economic_buyer", "champion", "technical_evaluator", "influencer", "end_user"
  };

  /** Median days in each open opportunity stage, scaled by company size. */
  private static final double[] STAGE_DAYS = {7, 12, 14, 10};

  private static final double[] SIZE_SLOWNESS = {0.6, 0.8, 1.0, 1.2, 1.5, 1.8};

  /** Median deal size in USD by company size band. */
  private static final double[] DEAL_USD = {3_000, 8_000, 18_000, 40_000, 85_000, 160_000};

  private static final int[] CONTACTS_PER_ACCOUNT = {2, 3, 5, 8, 12, 20};

  private record Status(long at, String status, String reason, String by) {}

  /**
   * @param nurture a marketing touch of the lead itself, dropped once its opportunity closed
   * @param contact another contact of the account (not the lead), or null
   */
  private record Response(
      long at,
      String type,
      Campaign campaign,
      String channel,
      ContentAsset content,
      String page,
      boolean nurture,
      String contact) {}

  private record Activity(
      long at,
      String rep,
      String type,
      int minutes,
      String outcome,
      String contact,
      String opportunity) {}

  /** An event row with its time. */
  private record Dated(long at, String[] row) {}

  private final Company co;
  private final LeadProfile p;

  /** The person and company: the original's for a duplicate, else the lead's own. */
  private final LeadProfile person;

  private final Accounts.Profile account;
  private final Rng r;
  private final Export out;
  private final List<Export.Edit> leadEdits = new ArrayList<>();
  private final List<Status> statuses = new ArrayList<>();
  private final List<Response> responses = new ArrayList<>();
  private final List<Activity> activities = new ArrayList<>();
  private final List<Export.Edit> oppEdits = new ArrayList<>();
  private final List<Dated> stageHistory = new ArrayList<>();
  private final List<Dated> contactRoles = new ArrayList<>();
  private int seq;
  private long lastStatusAt = Long.MIN_VALUE;
  private Campaign campaign;
  private Rep lastSdr;

  /** The opportunity as created; {@link #oppEdits} take it through its stages. */
  private String[] opp;

  private boolean won;
  private String oppId;
  private String contactId;
  private long convertedAt = -1;
  private long closedAt = -1;
  private long mergedAt = -1;
  private final int fitScore;
  private String[] initialLead;

  private LeadJourney(Company co, long index) {
    this.co = co;
    this.p = LeadProfile.of(co, index);
    this.person = p.duplicateOf >= 0 ? LeadProfile.original(co, p.duplicateOf) : p;
    this.account = person.account;
    this.r = Rng.of(co.seed, Company.STREAM_JOURNEY, index);
    this.out =
        new Export(co.window, Rng.of(co.seed, Company.STREAM_LEAD_DEFECTS, index), co.defectRate);
    this.fitScore = (int) Math.round(10 + 30 * p.fitShare());
  }

  /** Every export row of lead {@code index}. */
  static List<Row> rows(Company co, long index) {
    LeadJourney j = new LeadJourney(co, index);
    j.simulate();
    j.export();
    return j.out.rows();
  }

  // ---- the journey ----------------------------------------------------------------------------

  private void simulate() {
    long t0 = p.createdSec;
    int group = person.regionGroup();
    Rep creator;
    Rep owner;
    String initial = "lead";
    if (p.channel == Channel.OUTBOUND) {
      boolean byAe = r.chance(0.25);
      creator = byAe ? co.ae(group, account.employees(), t0, r) : co.sdr(group, t0, r);
      if (byAe || r.chance(0.5)) {
        initial = "sql";
      }
      owner = creator;
      campaign = co.prospecting(group);
    } else {
      creator = co.automation();
      owner = co.marketingOwner(group);
      campaign =
          switch (p.channel) {
            case EVENTS -> co.eventBefore(t0, r);
            default -> co.campaignAt(p.channel, t0, r);
          };
    }
    String[] lead = initialRow(owner, initial);
    leadEdits.add(new Export.Edit(t0, seq++, s -> {}));
    status(t0, initial, null, creator.id());
    boolean highIntent = creationResponses(t0);
    if (p.duplicateOf >= 0) {
      duplicate(t0);
    } else {
      nurture(t0);
      if (p.channel == Channel.OUTBOUND) {
        outbound(t0, initial, creator);
      } else {
        inbound(t0, highIntent);
      }
      enrichment(t0);
      if (convertedAt < 0 && r.chance(0.004)) {
        long at = Math.max(lastStatusAt, t0) + r.daysBetween(5, 90);
        edit(at, s -> s[Cols.L_IS_DELETED] = "true");
      }
    }
    this.initialLead = lead;
  }

  private String[] initialRow(Rep owner, String initial) {
    String[] s = new String[Entity.LEADS.fields().size()];
    s[Cols.L_LEAD_ID] = p.id;
    s[Cols.L_CREATED_AT] = Csv.ts(p.createdSec);
    s[Cols.L_EMAIL] = person.email;
    s[Cols.L_FIRST_NAME] = person.firstName;
    s[Cols.L_LAST_NAME] = person.lastName;
    s[Cols.L_PHONE] = person.phone;
    s[Cols.L_COMPANY] = person.company;
    s[Cols.L_ACCOUNT_ID] = person.accountMatched ? account.id() : null;
    s[Cols.L_TITLE] = person.title;
    s[Cols.L_INDUSTRY] = person.industryKnown ? account.industry() : null;
    if (person.sizeKnown == 0 || person.sizeKnown == 2) {
      s[Cols.L_COMPANY_SIZE] = account.sizeLabel();
    }
    if (person.sizeKnown <= 1) {
      s[Cols.L_EMPLOYEE_COUNT] = Integer.toString(account.employees());
    }
    s[Cols.L_COUNTRY] = person.countryKnown ? person.country.code() : null;
    s[Cols.L_REGION] = person.regionKnown ? person.region() : null;
    s[Cols.L_PERSONA] = person.personaKnown ? person.personaName() : null;
    s[Cols.L_LEAD_SOURCE] = p.channel.leadSource;
    s[Cols.L_CHANNEL] = p.channel.label;
    s[Cols.L_SOURCED_BY] =
        p.channel == Channel.DIRECT && r.chance(0.3) ? null : p.channel.sourcedBy();
    s[Cols.L_ORIGINAL_CAMPAIGN_ID] = campaign == null ? null : campaign.id();
    s[Cols.L_OWNER_ID] = owner.id();
    s[Cols.L_STATUS] = initial;
    s[Cols.L_LEAD_SCORE] = Integer.toString(score(initial));
    s[Cols.L_IS_DELETED] = "false";
    return s;
  }

  private int score(String status) {
    return switch (status) {
      case "mql" -> fitScore + 35 + (int) Math.round(15 * p.fitShare());
      case "sal", "sql", "opportunity", "won", "lost" -> fitScore + 55;
      case "recycled" -> fitScore + 5;
      default -> fitScore;
    };
  }

  /** Records a status change (strictly after the previous one) and returns its time. */
  private long status(long at, String status, String reason, String by) {
    long t = Math.max(at, lastStatusAt + 1);
    lastStatusAt = t;
    statuses.add(new Status(t, status, reason, by));
    String score = Integer.toString(score(status));
    edit(
        t,
        s -> {
          s[Cols.L_STATUS] = status;
          s[Cols.L_DISQUALIFICATION_REASON] = reason;
          if (!status.equals("disqualified")) {
            s[Cols.L_LEAD_SCORE] = score;
          }
        });
    return t;
  }

  private void edit(long at, Consumer<String[]> change) {
    leadEdits.add(new Export.Edit(at, seq++, change));
  }

  /** The touches that created the lead, and the ad clicks and page views just before it. */
  private boolean creationResponses(long t0) {
    boolean highIntent = false;
    switch (p.channel) {
      case PAID_SEARCH, PAID_SOCIAL -> {
        if (p.channel == Channel.PAID_SEARCH || r.chance(0.7)) {
          response(t0 - r.between(30, 7200), "ad_click", campaign, null, null, null, false);
        }
        response(t0, "form_fill", campaign, null, null, null, false);
      }
      case ORGANIC_SEARCH -> {
        int views = r.between(1, 3);
        for (int i = 0; i < views; i++) {
          response(
              t0 - r.days(3, 1.5),
              "page_view",
              campaign,
              null,
              null,
              r.pick(Vocabulary.BLOG_PAGES),
              false);
        }
        if (r.chance(0.6)) {
          response(t0, "form_fill", campaign, null, null, null, false);
        } else {
          response(
              t0,
              "content_download",
              campaign,
              null,
              co.contentAt("tofu", person.personaName(), t0, r),
              null,
              false);
        }
      }
      case EMAIL -> {
        response(t0 - r.between(60, 600), "email_click", campaign, null, null, null, false);
        response(t0, "form_fill", campaign, null, null, null, false);
      }
      case WEBINAR -> {
        response(t0, "webinar_registered", campaign, null, null, null, false);
        attendWebinar(campaign, t0, false);
      }
      case EVENTS -> {
        long at = Math.min(t0 - 3600, campaign.endSec() - r.between(0, 12 * 3600));
        response(at, "event_attended", campaign, null, null, null, false);
      }
      case CONTENT ->
          response(
              t0,
              "content_download",
              campaign,
              null,
              co.contentAt(r.chance(0.7) ? "tofu" : "mofu", person.personaName(), t0, r),
              null,
              false);
      case REFERRAL, PARTNER -> {
        highIntent = p.channel == Channel.REFERRAL;
        response(t0, "form_fill", campaign, null, null, null, false);
      }
      case DIRECT -> {
        if (r.chance(0.5)) {
          response(
              t0 - r.between(60, 3 * 3600), "page_view", null, "direct", null, "/pricing", false);
        }
        highIntent = r.chance(0.35);
        response(t0, highIntent ? "demo_request" : "form_fill", null, "direct", null, null, false);
      }
      default -> {
        // outbound leads are created by sales, not by a marketing touch
      }
    }
    return highIntent;
  }

  private void attendWebinar(Campaign webinar, long registered, boolean nurture) {
    if (webinar != null && r.chance(0.45)) {
      long at = webinar.endSec() - 8 * 3600 + r.between(0, 1800);
      if (at > registered) {
        response(at, "webinar_attended", webinar, null, null, null, nurture);
      }
    }
  }

  private void response(
      long at,
      String type,
      Campaign c,
      String channel,
      ContentAsset content,
      String page,
      boolean nurture) {
    responses.add(
        new Response(
            at, type, c, c != null ? c.channel().label : channel, content, page, nurture, null));
  }

  /** Marketing touches after creation: e-mails, content, webinars, page views, retargeting. */
  private void nurture(long t0) {
    int n = Math.min(10, r.poisson(1.0 + 3.0 * p.fitShare()));
    for (int i = 0; i < n; i++) {
      long at = t0 + Math.min(200 * Window.DAY, r.days(20, 1.2));
      double u = r.uniform();
      if (u < 0.35) {
        response(at, "email_click", co.campaignAt(Channel.EMAIL, at, r), null, null, null, true);
      } else if (u < 0.55) {
        ContentAsset a = co.contentAt(r.chance(0.6) ? "mofu" : "tofu", person.personaName(), at, r);
        response(
            at, "content_download", co.campaignAt(Channel.CONTENT, at, r), null, a, null, true);
      } else if (u < 0.80) {
        String page = r.chance(0.25) ? r.pick(Vocabulary.PAGES) : r.pick(Vocabulary.BLOG_PAGES);
        response(
            at, "page_view", null, r.chance(0.6) ? "organic_search" : "direct", null, page, true);
      } else if (u < 0.92) {
        Campaign webinar = co.campaignAt(Channel.WEBINAR, at, r);
        response(at, "webinar_registered", webinar, null, null, null, true);
        attendWebinar(webinar, at, true);
      } else {
        response(at, "ad_click", co.campaignAt(Channel.PAID_SOCIAL, at, r), null, null, null, true);
      }
    }
  }

  /** The behaviour that tips a lead over the MQL threshold, just before the MQL. */
  private void intentResponse(long mqlAt) {
    long at = mqlAt - r.between(60, 1800);
    double u = r.uniform();
    if (u < 0.4) {
      response(at, "page_view", null, "direct", null, "/pricing", true);
    } else if (u < 0.6) {
      response(at, "page_view", null, "organic_search", null, "/demo", true);
    } else if (u < 0.8) {
      response(at, "demo_request", null, "direct", null, null, true);
    } else {
      response(
          at,
          "content_download",
          co.campaignAt(Channel.CONTENT, at, r),
          null,
          co.contentAt("bofu", person.personaName(), at, r),
          null,
          true);
    }
  }

  private void duplicate(long t0) {
    long merge = Math.max(t0, person.createdSec) + r.daysBetween(1, 10);
    long at =
        status(merge, "disqualified", "duplicate", co.marketingOwner(person.regionGroup()).id());
    mergedAt = at;
    String into = person.id;
    edit(
        at,
        s -> {
          s[Cols.L_MERGED_INTO_LEAD_ID] = into;
          s[Cols.L_IS_DELETED] = "true";
        });
  }

  private void inbound(long t0, boolean highIntent) {
    double pMql = Math.min(0.95, p.channel.mqlRate * p.fit);
    if (!r.chance(pMql)) {
      if (r.chance(0.22)) {
        status(
            t0 + r.daysBetween(1, 40),
            "disqualified",
            MARKETING_DQ[r.weighted(MARKETING_DQ_W)],
            co.marketingOwner(person.regionGroup()).id());
      }
      return;
    }
    long mqlAt = t0 + (highIntent ? r.hours(0.3, 1.0) : r.days(4, 1.3));
    for (int occurrence = 0; ; occurrence++) {
      long recycledAt = mql(mqlAt);
      if (recycledAt < 0 || occurrence >= 2 || !r.chance(0.35)) {
        return;
      }
      mqlAt = recycledAt + r.daysBetween(30, 150);
    }
  }

  /** One MQL occurrence and its follow-up; returns when the lead was recycled, or -1. */
  private long mql(long at) {
    intentResponse(at);
    long mqlAt = status(at, "mql", null, co.automation().id());
    Rep rep =
        lastSdr != null && lastSdr.activeAt(mqlAt)
            ? lastSdr
            : co.sdr(person.regionGroup(), mqlAt, r);
    lastSdr = rep;
    edit(mqlAt, s -> s[Cols.L_OWNER_ID] = rep.id());
    if (r.chance(rep.neglect())) {
      if (r.chance(0.45)) {
        return status(mqlAt + r.daysBetween(30, 60), "recycled", null, co.automation().id());
      }
      return -1;
    }
    long delay = Math.max(60, Math.round(r.lognormal(rep.firstTouchHours() * 3600, 1.0)));
    int touches = Math.min(12, 1 + r.poisson(Math.max(0.5, rep.touchMean() - 1)));
    long[] worked = touchSeries(rep, mqlAt + delay, touches, 0.22 * (0.6 + 0.4 * p.fitShare()));
    long connectAt = worked[0];
    if (connectAt < 0) {
      return dispose(worked[1] + r.daysBetween(1, 7), 0.55, 0.9, NO_RESPONSE, ONE, rep);
    }
    double speed = delay < 3600 ? 1.35 : delay < 86_400 ? 1.0 : 0.7;
    double pQualified = Math.max(0.02, Math.min(0.92, p.channel.sqlRate / 0.5 * p.fit * speed));
    if (r.chance(pQualified)) {
      long sqlAt;
      if (r.chance(0.8)) {
        long salAt = status(connectAt + r.hours(1, 1), "sal", null, rep.id());
        activity(salAt + r.days(2, 0.6), rep, "meeting", r.between(20, 45), "held", null, null);
        sqlAt = salAt + r.days(3, 0.8);
      } else {
        sqlAt = connectAt + r.days(1, 0.8);
      }
      return sqlFlow(status(sqlAt, "sql", null, rep.id()), rep);
    }
    long at2 = connectAt;
    if (r.chance(0.35)) {
      at2 = status(connectAt + r.hours(2, 1), "sal", null, rep.id());
    }
    return dispose(at2 + r.days(5, 0.8), 0.7, 0.93, SDR_DQ, SDR_DQ_W, rep);
  }

  /**
   * The end of a worked lead: disqualified below {@code dq}, recycled below {@code recycle}
   * (returns when), else left open (returns -1).
   */
  private long dispose(
      long at, double dq, double recycle, String[] reasons, double[] weights, Rep rep) {
    double u = r.uniform();
    if (u < dq) {
      status(
          at,
          "disqualified",
          reasons.length == 1 ? reasons[0] : reasons[r.weighted(weights)],
          rep.id());
    } else if (u < recycle) {
      return status(at, "recycled", null, rep.id());
    }
    return -1;
  }

  /** Calls, e-mails and texts until the lead answers; returns {first connect or -1, last touch}. */
  private long[] touchSeries(Rep rep, long start, int touches, double pConnect) {
    long t = start;
    for (int k = 0; k < touches; k++) {
      double u = r.uniform();
      if (u < 0.5) {
        if (r.chance(pConnect)) {
          activity(t, rep, "call", r.between(3, 25), "connected", null, null);
          return new long[] {t, t};
        }
        boolean voicemail = r.chance(0.55);
        activity(
            t,
            rep,
            "call",
            voicemail ? r.between(1, 2) : 1,
            voicemail ? "voicemail" : "no_answer",
            null,
            null);
      } else if (u < 0.88) {
        boolean replied = r.chance(pConnect * 0.6);
        activity(t, rep, "email", r.between(2, 6), replied ? "replied" : "sent", null, null);
        if (replied) {
          return new long[] {t, t};
        }
      } else {
        boolean replied = r.chance(0.1);
        activity(t, rep, "sms", 1, replied ? "replied" : "sent", null, null);
        if (replied) {
          return new long[] {t, t};
        }
      }
      if (k + 1 < touches) {
        t += r.days(1.5, 0.7);
      }
    }
    return new long[] {-1, t};
  }

  private void activity(
      long at,
      Rep rep,
      String type,
      int minutes,
      String outcome,
      String contact,
      String opportunity) {
    activities.add(new Activity(at, rep.id(), type, minutes, outcome, contact, opportunity));
  }

  /** After SQL: converted, disqualified or recycled (returns when, else -1). */
  private long sqlFlow(long sqlAt, Rep rep) {
    double pOpp = Math.max(0.05, Math.min(0.95, p.channel.oppRate * Math.pow(p.fit, 0.25)));
    if (r.chance(pOpp)) {
      convert(sqlAt + r.days(2, 0.8), rep);
      return -1;
    }
    return dispose(sqlAt + r.daysBetween(5, 40), 0.6, 0.9, SQL_DQ, SQL_DQ_W, rep);
  }

  private void outbound(long t0, String initial, Rep creator) {
    if (initial.equals("sql")) {
      activity(t0 + r.hours(2, 1), creator, "meeting", r.between(25, 50), "held", null, null);
      recycleAfterSql(sqlFlow(t0, creator));
      return;
    }
    long[] worked = touchSeries(creator, t0 + r.hours(1, 1), r.between(4, 10), 0.15);
    if (worked[0] < 0) {
      if (r.chance(0.6)) {
        status(worked[1] + r.daysBetween(2, 10), "disqualified", "no_response", creator.id());
      }
      return;
    }
    if (!r.chance(0.5)) {
      status(
          worked[0] + r.days(3, 0.8), "disqualified", SDR_DQ[r.weighted(SDR_DQ_W)], creator.id());
      return;
    }
    long salAt = status(worked[0] + r.hours(1, 1), "sal", null, creator.id());
    if (r.chance(0.7)) {
      recycleAfterSql(sqlFlow(status(salAt + r.days(3, 0.8), "sql", null, creator.id()), creator));
    } else {
      status(salAt + r.days(6, 0.8), "disqualified", SDR_DQ[r.weighted(SDR_DQ_W)], creator.id());
    }
  }

  /** A recycled outbound lead may come back through marketing as an MQL. */
  private void recycleAfterSql(long recycledAt) {
    if (recycledAt >= 0 && r.chance(0.3)) {
      mql(recycledAt + r.daysBetween(30, 150));
    }
  }

  /** Fields empty at creation that a later export fills (enrichment), often after the MQL. */
  private void enrichment(long t0) {
    if (!person.industryKnown && r.chance(0.6)) {
      String industry = account.industry();
      edit(t0 + r.days(10, 1.0), s -> s[Cols.L_INDUSTRY] = industry);
    }
    if (person.sizeKnown == 3 && r.chance(0.5)) {
      String band = account.sizeLabel();
      String count = Integer.toString(account.employees());
      edit(
          t0 + r.days(12, 1.0),
          s -> {
            s[Cols.L_COMPANY_SIZE] = band;
            s[Cols.L_EMPLOYEE_COUNT] = count;
          });
    }
    if (person.phone == null && r.chance(0.15)) {
      String phone = Vocabulary.phone(person.country, r);
      edit(t0 + r.days(20, 1.0), s -> s[Cols.L_PHONE] = phone);
    }
    if (r.chance(0.03)) {
      String title = r.pick(Vocabulary.TITLES[person.persona]);
      edit(t0 + r.days(60, 0.8), s -> s[Cols.L_TITLE] = title);
    }
  }

  // ---- opportunity ----------------------------------------------------------------------------

  private void convert(long at, Rep rep) {
    Rep ae =
        rep.role().equals("ae") ? rep : co.ae(person.regionGroup(), account.employees(), at, r);
    long t = status(at, "opportunity", null, ae.id());
    convertedAt = t;
    oppId = Csv.id("O", 8, p.index + 1);
    contactId = Csv.id("C", 8, p.index + 1);
    String opportunity = oppId;
    String contact = contactId;
    String accountId = account.id();
    String ts = Csv.ts(t);
    edit(
        t,
        s -> {
          s[Cols.L_CONVERTED_AT] = ts;
          s[Cols.L_CONVERTED_CONTACT_ID] = contact;
          s[Cols.L_CONVERTED_OPPORTUNITY_ID] = opportunity;
          s[Cols.L_OWNER_ID] = ae.id();
          s[Cols.L_ACCOUNT_ID] = accountId;
        });
    opportunity(t, ae);
    if (closedAt >= 0) {
      status(closedAt, won ? "won" : "lost", null, ae.id());
    }
  }

  private void opportunity(long created, Rep ae) {
    int band = account.sizeBand();
    String currency = person.country.currency();
    double usd = DEAL_USD[band] * p.channel.dealFactor * r.lognormal(1.0, 0.55);
    long amount = Math.max(500, Math.round(usd / ReferenceData.nominalUsd(currency) / 100) * 100);
    double slowness = SIZE_SLOWNESS[band];
    long expected = created + Math.round(43 * slowness * r.uniform(0.7, 1.3) * Window.DAY);
    opp = new String[Entity.OPPORTUNITIES.fields().size()];
    opp[Cols.O_OPPORTUNITY_ID] = oppId;
    opp[Cols.O_ACCOUNT_ID] = account.id();
    opp[Cols.O_CONVERTED_FROM_LEAD_ID] = p.id;
    opp[Cols.O_CREATED_AT] = Csv.ts(created);
    opp[Cols.O_CLOSE_DATE] = Csv.date(expected);
    opp[Cols.O_STAGE] = OPP_STAGES[0];
    opp[Cols.O_AMOUNT] = Csv.money(amount);
    opp[Cols.O_CURRENCY] = currency;
    opp[Cols.O_IS_WON] = "false";
    opp[Cols.O_IS_CLOSED] = "false";
    opp[Cols.O_OWNER_ID] = ae.id();
    opp[Cols.O_LEAD_SOURCE] = p.channel.leadSource;
    opp[Cols.O_SOURCED_BY] = p.channel.sourcedBy();
    opp[Cols.O_PRIMARY_CAMPAIGN_ID] = primaryCampaign(created);
    opp[Cols.O_OPPORTUNITY_TYPE] =
        account.index() < co.whales && r.chance(0.3) ? "expansion" : "new_business";
    opp[Cols.O_IS_DELETED] = "false";
    oppEdits.add(new Export.Edit(created, 0, s -> {}));
    stage(created, OPP_STAGES[0], amount, currency);
    contactRoles(created);

    double pWin = Math.max(0.03, Math.min(0.85, p.channel.winRate * (0.8 + 0.2 * p.fit)));
    double survive = Math.pow(pWin, 0.25);
    int stage = 0;
    long t = created;
    int editSeq = 1;
    while (true) {
      long next = t + r.days(STAGE_DAYS[stage] * slowness, 0.6);
      aeWork(t, next, ae, stage);
      if (next > expected) {
        long pushAt = t + (next - t) / 2;
        expected = next + r.daysBetween(7, 30);
        String pushed = Csv.date(expected);
        oppEdits.add(new Export.Edit(pushAt, editSeq++, s -> s[Cols.O_CLOSE_DATE] = pushed));
      }
      t = next;
      if (!r.chance(survive)) {
        close(t, false, amount, currency, editSeq++);
        break;
      }
      if (stage == 3 || (stage == 2 && r.chance(0.08))) {
        close(t, true, amount, currency, editSeq++);
        break;
      }
      int nextStage = stage + 1;
      if (nextStage < 3 && r.chance(0.12)) {
        nextStage++;
      }
      stage = nextStage;
      if (stage == 2 && r.chance(0.35)) {
        amount = Math.max(500, Math.round(amount * r.uniform(0.85, 1.15) / 100) * 100);
      }
      String name = OPP_STAGES[stage];
      String money = Csv.money(amount);
      stage(t, name, amount, currency);
      oppEdits.add(
          new Export.Edit(
              t,
              editSeq++,
              s -> {
                s[Cols.O_STAGE] = name;
                s[Cols.O_AMOUNT] = money;
              }));
    }
  }

  private void close(long at, boolean isWon, long amount, String currency, int editSeq) {
    closedAt = at;
    won = isWon;
    String stage = isWon ? "closed_won" : "closed_lost";
    String lostReason = isWon ? null : LOST_REASONS[r.weighted(LOST_W)];
    String date = Csv.date(at);
    stage(at, stage, amount, currency);
    oppEdits.add(
        new Export.Edit(
            at,
            editSeq,
            s -> {
              s[Cols.O_STAGE] = stage;
              s[Cols.O_IS_WON] = Boolean.toString(isWon);
              s[Cols.O_IS_CLOSED] = "true";
              s[Cols.O_CLOSE_DATE] = date;
              s[Cols.O_LOST_REASON] = lostReason;
            }));
  }

  private void stage(long at, String stage, long amount, String currency) {
    String[] row = new String[Entity.OPPORTUNITY_STAGE_HISTORY.fields().size()];
    row[Cols.S_OPPORTUNITY_ID] = oppId;
    row[Cols.S_CHANGED_AT] = Csv.ts(at);
    row[Cols.S_STAGE] = stage;
    row[Cols.S_AMOUNT] = Csv.money(amount);
    row[Cols.S_CURRENCY] = currency;
    stageHistory.add(new Dated(at, row));
  }

  /** Mostly the campaign that created the lead; sometimes the last campaign touched before. */
  private String primaryCampaign(long created) {
    if (r.chance(0.25)) {
      Response last = null;
      for (Response x : responses) {
        if (x.campaign() != null && x.at() <= created && (last == null || x.at() > last.at())) {
          last = x;
        }
      }
      if (last != null) {
        return last.campaign().id();
      }
    }
    return campaign == null ? null : campaign.id();
  }

  private void contactRoles(long created) {
    int others = r.weighted(new double[] {0.45, 0.35, 0.2});
    boolean convertedPrimary = others == 0 || r.chance(0.8);
    addRole(
        created, contactId, p.id, r.chance(0.5) ? "decision_maker" : "champion", convertedPrimary);
    int max = CONTACTS_PER_ACCOUNT[account.sizeBand()];
    List<Integer> used = new ArrayList<>();
    for (int k = 0; k < others && used.size() < max; k++) {
      int n;
      do {
        n = r.between(1, max);
      } while (used.contains(n));
      used.add(n);
      String other = "C" + account.id() + "-" + n;
      long at = created + r.hours(24, 1.0);
      addRole(at, other, null, r.pick(ROLES), !convertedPrimary && k == 0);
      if (r.chance(0.4)) {
        long when = at + r.days(7, 1.0);
        if (r.chance(0.6)) {
          responses.add(
              new Response(
                  when,
                  "content_download",
                  co.campaignAt(Channel.CONTENT, when, r),
                  Channel.CONTENT.label,
                  co.contentAt("bofu", r.pick(Vocabulary.PERSONAS), when, r),
                  null,
                  false,
                  other));
        } else {
          responses.add(
              new Response(
                  when, "page_view", null, "direct", null, r.pick(Vocabulary.PAGES), false, other));
        }
      }
    }
  }

  private void addRole(long at, String contact, String leadId, String role, boolean primary) {
    String[] row = new String[Entity.OPPORTUNITY_CONTACT_ROLES.fields().size()];
    row[Cols.CR_OPPORTUNITY_ID] = oppId;
    row[Cols.CR_CONTACT_ID] = contact;
    row[Cols.CR_LEAD_ID] = leadId;
    row[Cols.CR_ROLE] = role;
    row[Cols.CR_IS_PRIMARY] = Boolean.toString(primary);
    row[Cols.CR_CREATED_AT] = Csv.ts(at);
    row[Cols.CR_UPDATED_AT] = Csv.ts(at);
    contactRoles.add(new Dated(at, row));
  }

  /** The AE's meetings, calls and e-mails while the opportunity is in a stage. */
  private void aeWork(long from, long to, Rep ae, int stage) {
    int n = Math.min(5, r.poisson(1.2 + 0.3 * stage));
    for (int i = 0; i < n; i++) {
      long at = from + (long) (r.uniform() * (to - from));
      double u = r.uniform();
      String contact =
          contactRoles.size() > 1 && r.chance(0.25)
              ? contactRoles.get(r.between(1, contactRoles.size() - 1)).row()[Cols.CR_CONTACT_ID]
              : contactId;
      if (u < 0.4) {
        double v = r.uniform();
        activity(
            at,
            ae,
            "meeting",
            r.between(30, 60),
            v < 0.8 ? "held" : v < 0.9 ? "no_show" : "rescheduled",
            contact,
            oppId);
      } else if (u < 0.65) {
        activity(at, ae, "video", r.between(30, 45), "held", contact, oppId);
      } else if (u < 0.9) {
        activity(
            at, ae, "email", r.between(3, 8), r.chance(0.4) ? "replied" : "sent", contact, oppId);
      } else {
        boolean connected = r.chance(0.6);
        activity(
            at,
            ae,
            "call",
            connected ? r.between(5, 30) : 1,
            connected ? "connected" : "voicemail",
            contact,
            oppId);
      }
    }
  }

  // ---- export ---------------------------------------------------------------------------------

  private void export() {
    out.versions(Entity.LEADS, p.id, initialLead, Cols.L_UPDATED_AT, leadEdits);
    String previous = null;
    for (Status s : statuses) {
      String[] row = new String[Entity.LEAD_STATUS_HISTORY.fields().size()];
      row[Cols.H_LEAD_ID] = p.id;
      row[Cols.H_CHANGED_AT] = Csv.ts(s.at());
      row[Cols.H_STATUS] = s.status();
      row[Cols.H_PREVIOUS_STATUS] = previous;
      row[Cols.H_DISQUALIFICATION_REASON] = s.reason();
      row[Cols.H_CHANGED_BY] = s.by();
      out.add(Entity.LEAD_STATUS_HISTORY, s.at(), p.id + s.status(), row);
      previous = s.status();
    }
    exportResponses();
    exportActivities();
    if (opp != null) {
      out.versions(Entity.OPPORTUNITIES, oppId, opp, Cols.O_UPDATED_AT, oppEdits);
      for (Dated d : stageHistory) {
        out.add(Entity.OPPORTUNITY_STAGE_HISTORY, d.at(), oppId + d.row()[Cols.S_STAGE], d.row());
      }
      for (Dated d : contactRoles) {
        out.add(
            Entity.OPPORTUNITY_CONTACT_ROLES, d.at(), oppId + d.row()[Cols.CR_CONTACT_ID], d.row());
      }
    }
  }

  private void exportResponses() {
    List<Response> kept = new ArrayList<>();
    boolean keptAfterClose = false;
    boolean allowAfterClose = r.chance(0.05);
    responses.sort(Comparator.comparingLong(Response::at));
    for (Response x : responses) {
      if (mergedAt >= 0 && x.at() > mergedAt) {
        continue;
      }
      if (closedAt >= 0 && x.at() > closedAt) {
        // touches after the close are rare; attribution must ignore the few there are
        if (!x.nurture() || !allowAfterClose || keptAfterClose) {
          continue;
        }
        keptAfterClose = true;
      }
      kept.add(x);
    }
    int n = 0;
    for (Response x : kept) {
      String id = "R" + p.id.substring(1) + "-" + (++n);
      String[] row = new String[Entity.CAMPAIGN_RESPONSES.fields().size()];
      row[Cols.R_RESPONSE_ID] = id;
      row[Cols.R_CAMPAIGN_ID] = x.campaign() == null ? null : x.campaign().id();
      boolean ownLead = x.contact() == null;
      row[Cols.R_LEAD_ID] = ownLead ? p.id : null;
      row[Cols.R_CONTACT_ID] =
          ownLead ? (convertedAt >= 0 && x.at() >= convertedAt ? contactId : null) : x.contact();
      row[Cols.R_RESPONSE_TYPE] = x.type();
      row[Cols.R_RESPONDED_AT] = Csv.ts(x.at());
      row[Cols.R_CHANNEL] = x.channel();
      row[Cols.R_CONTENT_ID] = x.content() == null ? null : x.content().id();
      row[Cols.R_PAGE] = x.page();
      out.add(Entity.CAMPAIGN_RESPONSES, x.at(), id, row);
    }
  }

  private void exportActivities() {
    activities.sort(Comparator.comparingLong(Activity::at));
    int n = 0;
    for (Activity a : activities) {
      if (mergedAt >= 0 && a.at() > mergedAt) {
        continue;
      }
      String id = "T" + p.id.substring(1) + "-" + (++n);
      String[] row = new String[Entity.SALES_ACTIVITIES.fields().size()];
      row[Cols.T_ACTIVITY_ID] = id;
      row[Cols.T_LEAD_ID] = a.opportunity() == null ? p.id : null;
      row[Cols.T_CONTACT_ID] = a.contact();
      row[Cols.T_OPPORTUNITY_ID] = a.opportunity();
      row[Cols.T_REP_ID] = a.rep();
      row[Cols.T_ACTIVITY_TYPE] = a.type();
      row[Cols.T_ACTIVITY_AT] = Csv.ts(a.at());
      row[Cols.T_DURATION_MINUTES] = Integer.toString(a.minutes());
      row[Cols.T_OUTCOME] = a.outcome();
      out.add(Entity.SALES_ACTIVITIES, a.at(), id, row);
    }
  }
}
