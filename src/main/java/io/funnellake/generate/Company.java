package io.funnellake.generate;

import java.io.Serializable;
import java.time.LocalDate;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.List;

/**
 * The small, driver-built part of the synthetic company: its reps and teams, campaigns and content,
 * sized from the number of leads. It travels to every task with the lead simulation; everything per
 * lead is derived there from (seed, lead index).
 */
final class Company implements Serializable {
  private static final long serialVersionUID = 1L;

  static final long STREAM_REPS = 1;
  static final long STREAM_CAMPAIGNS = 2;
  static final long STREAM_CONTENT = 3;
  static final long STREAM_RATES = 4;
  static final long STREAM_PROFILE = 10;
  static final long STREAM_JOURNEY = 11;
  static final long STREAM_LEAD_DEFECTS = 12;
  static final long STREAM_ACCOUNT = 20;
  static final long STREAM_ACCOUNT_DEFECTS = 21;

  /** The seller's e-mail domain. */
  static final String DOMAIN = "northbeam-analytics.example";

  static final String[] REGION_GROUPS = {"Americas", "EMEA", "APAC"};

  final long seed;
  final long leads;
  final int accounts;

  /** Accounts 0 .. whales-1 are the few very large ones holding a big share of leads. */
  final int whales;

  final Window window;
  final double defectRate;
  final List<Rep> reps = new ArrayList<>();
  final List<Campaign> campaigns = new ArrayList<>();
  final List<ContentAsset> content = new ArrayList<>();

  /** Rep indexes per region group (SDRs) and per AE team (three commercial, one enterprise). */
  final List<List<Integer>> sdrTeams = new ArrayList<>();

  final List<List<Integer>> aeTeams = new ArrayList<>();
  final List<Integer> marketingOwners = new ArrayList<>();
  final int automationRep;
  private final List<List<Integer>> campaignsByChannel = new ArrayList<>();

  Company(GenerateOptions o) {
    this.seed = o.seed();
    this.leads = o.leads();
    this.accounts = (int) Math.max(30, Math.min(Integer.MAX_VALUE, o.leads() / 7));
    this.whales = Math.min(8, accounts / 10 + 1);
    this.window = new Window(o.start(), o.end(), o.files());
    this.defectRate = o.defectRate();
    this.automationRep = buildReps(o.start(), o.end());
    buildCampaigns(o.start(), o.end());
    buildContent();
  }

  // ---- reps -----------------------------------------------------------------------------------

  private int buildReps(LocalDate start, LocalDate end) {
    Rng r = Rng.of(seed, STREAM_REPS, 0);
    int automation =
        addRep(
            r,
            "Marketing Automation",
            "Marketing Ops",
            "marketing",
            "",
            160,
            1.0,
            0,
            0,
            0,
            false,
            0,
            start,
            end);
    for (int g = 0; g < 3; g++) {
      marketingOwners.add(
          addRep(
              r,
              null,
              "Marketing Ops",
              "marketing",
              REGION_GROUPS[g],
              160,
              1.0,
              0,
              0,
              0,
              false,
              0,
              start,
              end));
    }
    // sized so that at scale an SDR works ~250 MQLs and an AE ~20 new opportunities a month:
    // about 130 of 160 hours, with the overloaded reps above capacity
    long sdrs = Math.max(5, Math.round(leads / 10_000.0));
    long aes = Math.max(4, Math.round(leads / 2_500.0));
    double[] regionShare = {0.55, 0.33, 0.12};
    for (int g = 0; g < 3; g++) {
      String team = "SDR " + REGION_GROUPS[g];
      addRep(r, null, team, "manager", REGION_GROUPS[g], 160, 0, 0, 0, 0, false, 0, start, end);
      List<Integer> members = new ArrayList<>();
      long n = Math.max(1, Math.round(sdrs * regionShare[g]));
      for (int k = 0; k < n; k++) {
        members.add(salesRep(r, team, "sdr", REGION_GROUPS[g], k == 0, start, end));
      }
      sdrTeams.add(members);
    }
    for (int g = 0; g < 4; g++) {
      String team = g < 3 ? "AE Commercial " + REGION_GROUPS[g] : "AE Enterprise";
      String region = g < 3 ? REGION_GROUPS[g] : "Global";
      addRep(r, null, team, "manager", region, 160, 0, 0, 0, 0, false, 0, start, end);
      List<Integer> members = new ArrayList<>();
      long n = Math.max(1, Math.round(aes * (g < 3 ? 0.75 * regionShare[g] : 0.25)));
      for (int k = 0; k < n; k++) {
        members.add(salesRep(r, team, "ae", region, k == 0, start, end));
      }
      aeTeams.add(members);
    }
    return automation;
  }

  /** A quota-carrying rep; the first of each team stays all year so a team is never empty. */
  private int salesRep(
      Rng r, String team, String role, String region, boolean anchor, LocalDate s, LocalDate e) {
    boolean partTime = r.chance(0.15);
    int capacity = partTime ? (r.chance(0.5) ? 80 : 120) : 160;
    boolean overloaded = r.chance(0.2);
    double weight = (overloaded ? 1.8 : r.uniform(0.8, 1.2)) * capacity / 160.0;
    double firstTouch = Math.min(72, Math.max(0.1, r.lognormal(4.0, 1.3)));
    double touches = r.uniform(2.5, 7.0);
    double neglect = r.uniform(0.03, 0.15);
    if (overloaded) {
      firstTouch = Math.min(120, firstTouch * 3);
      touches *= 0.6;
      neglect += 0.25;
    }
    boolean hired = !anchor && r.chance(0.12);
    boolean leaves = !anchor && !hired && r.chance(0.08);
    int movement = hired ? 1 : leaves ? -1 : 0;
    return addRep(
        r,
        null,
        team,
        role,
        region,
        capacity,
        weight,
        firstTouch,
        touches,
        neglect,
        overloaded,
        movement,
        s,
        e);
  }

  /**
   * @param movement 1 hired during the window, -1 leaves during it, 0 neither
   */
  private int addRep(
      Rng r,
      String fixedName,
      String team,
      String role,
      String region,
      int capacity,
      double weight,
      double firstTouch,
      double touches,
      double neglect,
      boolean overloaded,
      int movement,
      LocalDate s,
      LocalDate e) {
    int index = reps.size();
    String id = String.format("U%04d", index);
    String first = r.pick(Vocabulary.FIRST_NAMES);
    String last = r.pick(Vocabulary.LAST_NAMES);
    String name = fixedName != null ? fixedName : first + " " + last;
    String email =
        fixedName != null
            ? "automation@" + DOMAIN
            : Vocabulary.ascii(first) + "." + Vocabulary.ascii(last) + index + "@" + DOMAIN;
    int days = window.days;
    LocalDate startDate =
        movement == 1
            ? s.plusDays(
                r.between(Math.min(20, days - 1), Math.max(Math.min(20, days - 1), days - 30)))
            : s.minusDays(r.between(60, 1500));
    LocalDate endDate =
        movement == -1
            ? s.plusDays(
                r.between(Math.min(60, days - 1), Math.max(Math.min(60, days - 1), days - 10)))
            : null;
    long from = Window.epochSecond(startDate);
    long to = endDate == null ? Long.MAX_VALUE : Window.epochSecond(endDate) + Window.DAY - 1;
    long created = Math.max(window.startSec, from) + 9 * 3600 + r.between(0, 3599);
    reps.add(
        new Rep(
            id,
            name,
            email,
            team,
            role,
            region,
            capacity,
            weight,
            firstTouch,
            touches,
            neglect,
            overloaded,
            created,
            from,
            to,
            startDate.toString(),
            endDate == null ? null : endDate.toString()));
    return index;
  }

  /** An SDR of the lead's region active at {@code sec}, drawn by load weight. */
  Rep sdr(int regionGroup, long sec, Rng r) {
    return activeMember(sdrTeams.get(regionGroup), sec, r);
  }

  /** The AE team by company size and region; enterprise deals go to the global team. */
  Rep ae(int regionGroup, int employees, long sec, Rng r) {
    return activeMember(aeTeams.get(employees > 1000 ? 3 : regionGroup), sec, r);
  }

  Rep marketingOwner(int regionGroup) {
    return reps.get(marketingOwners.get(regionGroup));
  }

  Rep automation() {
    return reps.get(automationRep);
  }

  private Rep activeMember(List<Integer> team, long sec, Rng r) {
    double[] w = new double[team.size()];
    for (int i = 0; i < w.length; i++) {
      Rep rep = reps.get(team.get(i));
      w[i] = rep.activeAt(sec) ? rep.weight() : 0;
    }
    // the anchor (first member) is always active, so the weights never sum to zero
    return reps.get(team.get(r.weighted(w)));
  }

  static int regionGroup(String region) {
    return switch (region) {
      case "EMEA" -> 1;
      case "APAC" -> 2;
      default -> 0;
    };
  }

  // ---- campaigns ------------------------------------------------------------------------------

  private static final String[][] WEBINAR_TOPICS = {
    {"Speed to Lead: What 5 Minutes Is Worth"}, {"Building an MQL Definition Sales Trusts"},
    {"Multi-Touch Attribution Without the Hype"}, {"RevOps Metrics for the Board"},
    {"From Funnel Leaks to Pipeline"}, {"Lead Scoring That Sales Uses"},
    {"Benchmarking Your Funnel"}, {"Fixing the Marketing-Sales Handoff"}
  };

  private static final String[][] EVENTS = {
    {"SaaS Connect", "San Francisco", "USD", "NA"},
    {"MarTech Summit", "London", "GBP", "EMEA"},
    {"RevOps World", "Chicago", "USD", "NA"},
    {"DMEXCO", "Cologne", "EUR", "EMEA"},
    {"B2B Marketing Expo", "Paris", "EUR", "EMEA"},
    {"SaaStr Annual", "San Mateo", "USD", "NA"},
    {"Growth Marketing Summit", "Sydney", "USD", "APAC"},
    {"Sales Leaders Dinner", "New York", "USD", "NA"},
    {"Web Summit", "Lisbon", "EUR", "EMEA"},
    {"Tech in Asia", "Singapore", "USD", "APAC"}
  };

  private void buildCampaigns(LocalDate s, LocalDate e) {
    Rng r = Rng.of(seed, STREAM_CAMPAIGNS, 0);
    for (int c = 0; c < Channel.ALL.length; c++) {
      campaignsByChannel.add(new ArrayList<>());
    }
    List<LocalDate> quarters = new ArrayList<>();
    for (LocalDate q = s.with(IsoFields.DAY_OF_QUARTER, 1); !q.isAfter(e); q = q.plusMonths(3)) {
      quarters.add(q);
    }
    String fy = "FY" + (s.getYear() + (s.getMonthValue() >= 7 ? 1 : 0));
    String fromYear = s.minusYears(1).withDayOfYear(1).toString();
    String toYear = e.plusYears(1).withDayOfYear(1).minusDays(1).toString();
    for (Channel ch : Channel.ALL) {
      if (ch == Channel.DIRECT || ch == Channel.OUTBOUND) {
        continue;
      }
      String parent =
          add(
              r,
              fy + " " + ch.leadSource + " Program",
              "program",
              ch,
              null,
              "",
              s.toString(),
              e.toString(),
              0,
              "USD",
              false);
      for (LocalDate q : quarters) {
        String label = "Q" + q.get(IsoFields.QUARTER_OF_YEAR) + " " + q.getYear();
        String qs = q.toString();
        String qe = q.plusMonths(3).minusDays(1).toString();
        switch (ch) {
          case PAID_SEARCH -> {
            add(
                r,
                "Google Ads - Brand - " + label,
                "paid_search",
                ch,
                parent,
                "",
                qs,
                qe,
                30_000,
                "USD",
                true);
            add(
                r,
                "Google Ads - Non-Brand - " + label,
                "paid_search",
                ch,
                parent,
                "",
                qs,
                qe,
                60_000,
                "USD",
                true);
            add(
                r,
                "Bing Ads - " + label,
                "paid_search",
                ch,
                parent,
                "",
                qs,
                qe,
                8_000,
                "USD",
                true);
          }
          case PAID_SOCIAL -> {
            add(
                r,
                "LinkedIn Ads - " + label,
                "paid_social",
                ch,
                parent,
                "",
                qs,
                qe,
                45_000,
                "USD",
                true);
            add(
                r,
                "Meta Ads - Retargeting - " + label,
                "paid_social",
                ch,
                parent,
                "",
                qs,
                qe,
                12_000,
                "USD",
                true);
          }
          case ORGANIC_SEARCH ->
              add(
                  r,
                  "SEO & Website - " + label,
                  "seo",
                  ch,
                  parent,
                  "",
                  qs,
                  qe,
                  15_000,
                  "USD",
                  true);
          case EMAIL -> {
            add(
                r,
                "Nurture Stream - " + label,
                "email",
                ch,
                parent,
                "",
                qs,
                qe,
                3_000,
                "USD",
                true);
            for (int m = 0; m < 3; m++) {
              LocalDate ms = q.plusMonths(m);
              add(
                  r,
                  "Newsletter - " + ms.toString().substring(0, 7),
                  "email",
                  ch,
                  parent,
                  "",
                  ms.toString(),
                  ms.plusMonths(1).minusDays(1).toString(),
                  1_500,
                  "USD",
                  true);
            }
          }
          case CONTENT ->
              add(
                  r,
                  "Content Syndication - " + label,
                  "content_syndication",
                  ch,
                  parent,
                  "",
                  qs,
                  qe,
                  25_000,
                  "USD",
                  true);
          default -> {
            // the other channels run on their own calendars below
          }
        }
      }
      switch (ch) {
        case CONTENT ->
            add(
                r,
                "Gated Content Library",
                "content",
                ch,
                parent,
                "",
                fromYear,
                toYear,
                20_000,
                "USD",
                true);
        case REFERRAL ->
            add(
                r,
                "Customer Referral Program",
                "referral_program",
                ch,
                parent,
                "",
                fromYear,
                toYear,
                10_000,
                "USD",
                true);
        case PARTNER -> {
          for (String p :
              new String[] {
                "Brightline Consulting", "Kestrel Systems Integrators", "Atlas RevOps Partners"
              }) {
            add(r, "Partner: " + p, "partner", ch, parent, "", fromYear, toYear, 0, "USD", false);
          }
        }
        case WEBINAR -> {
          int k = 0;
          for (LocalDate d = s.plusDays(10); !d.isAfter(e.plusDays(28)); d = d.plusDays(14), k++) {
            add(
                r,
                "Webinar: " + WEBINAR_TOPICS[k % WEBINAR_TOPICS.length][0] + " (" + d + ")",
                "webinar",
                ch,
                parent,
                "",
                d.minusDays(28).toString(),
                d.toString(),
                r.between(3, 8) * 1_000L,
                "USD",
                true);
          }
        }
        case EVENTS -> {
          int k = 0;
          // the first show is before the window, so that early event leads have one behind them
          for (LocalDate d = s.minusDays(14); !d.isAfter(e); d = d.plusDays(26), k++) {
            String[] ev = EVENTS[k % EVENTS.length];
            String type = ev[0].contains("Dinner") ? "field_event" : "trade_show";
            add(
                r,
                ev[0] + " " + d.getYear() + " - " + ev[1],
                type,
                ch,
                parent,
                ev[3],
                d.minusDays(2).toString(),
                d.toString(),
                r.between(20, 80) * 1_000L,
                ev[2],
                true);
          }
        }
        default -> {
          // quarterly campaigns only
        }
      }
    }
    for (int g = 0; g < 3; g++) {
      add(
          r,
          "Sales Prospecting - " + REGION_GROUPS[g],
          "sales_prospecting",
          Channel.OUTBOUND,
          null,
          REGION_GROUPS[g],
          fromYear,
          toYear,
          0,
          "USD",
          false);
    }
  }

  private String add(
      Rng r,
      String name,
      String type,
      Channel ch,
      String parent,
      String region,
      String start,
      String end,
      long budget,
      String currency,
      boolean leadSource) {
    String id = String.format("CMP%04d", campaigns.size() + 1);
    long actual = budget == 0 ? 0 : Math.round(budget * r.uniform(0.85, 1.1) / 10.0) * 10;
    Campaign c =
        new Campaign(
            id,
            name,
            type,
            ch,
            parent,
            region,
            start,
            end,
            Window.epochSecond(LocalDate.parse(start)),
            Window.epochSecond(LocalDate.parse(end)) + Window.DAY - 1,
            budget,
            actual,
            currency);
    if (leadSource) {
      campaignsByChannel.get(ch.ordinal()).add(campaigns.size());
    }
    campaigns.add(c);
    return id;
  }

  /**
   * A campaign of the channel active at {@code sec}; the nearest one when none is (e.g. between two
   * events); null for channels without campaigns (direct).
   */
  Campaign campaignAt(Channel ch, long sec, Rng r) {
    List<Integer> list = campaignsByChannel.get(ch.ordinal());
    if (list.isEmpty()) {
      return null;
    }
    int active = 0;
    for (int i : list) {
      if (campaigns.get(i).activeAt(sec)) {
        active++;
      }
    }
    if (active > 0) {
      int k = r.between(0, active - 1);
      for (int i : list) {
        if (campaigns.get(i).activeAt(sec) && k-- == 0) {
          return campaigns.get(i);
        }
      }
    }
    Campaign best = null;
    long bestDistance = Long.MAX_VALUE;
    for (int i : list) {
      Campaign c = campaigns.get(i);
      long d = sec < c.startSec() ? c.startSec() - sec : sec - c.endSec();
      if (d < bestDistance) {
        best = c;
        bestDistance = d;
      }
    }
    return best;
  }

  /** The latest event that ended before {@code sec} (badge scans are uploaded after the show). */
  Campaign eventBefore(long sec, Rng r) {
    Campaign best = null;
    for (int i : campaignsByChannel.get(Channel.EVENTS.ordinal())) {
      Campaign c = campaigns.get(i);
      if (c.endSec() < sec && (best == null || c.endSec() > best.endSec())) {
        best = c;
      }
    }
    return best != null ? best : campaignAt(Channel.EVENTS, sec, r);
  }

  Campaign prospecting(int regionGroup) {
    for (Campaign c : campaigns) {
      if (c.type().equals("sales_prospecting") && c.region().equals(REGION_GROUPS[regionGroup])) {
        return c;
      }
    }
    throw new IllegalStateException("no prospecting campaign for " + regionGroup);
  }

  // ---- content --------------------------------------------------------------------------------

  private static final String[][] ASSETS = {
    {"The State of B2B Funnel Analytics", "ebook", "marketing_leader", "tofu"},
    {"MQL to SQL: A Handoff Playbook", "whitepaper", "marketing_ops", "mofu"},
    {"How Brightline Cut Speed to Lead to 4 Minutes", "case_study", "sales_leader", "bofu"},
    {"Attribution Models Explained", "blog", "practitioner", "tofu"},
    {"Lead Scoring Workbook", "whitepaper", "marketing_ops", "mofu"},
    {"Product Tour: Funnel Dashboards", "video", "revops", "bofu"},
    {"RevOps Benchmark Report", "ebook", "revops", "tofu"},
    {"Webinar Recording: Fixing the Handoff", "webinar", "sales_leader", "mofu"},
    {"Buyer's Guide to Marketing Analytics", "whitepaper", "executive", "mofu"},
    {"ROI of Faster Follow-Up", "case_study", "executive", "bofu"},
    {"Data Warehouse Integration Guide", "whitepaper", "it", "bofu"},
    {"10 Funnel Metrics Every CMO Should Track", "blog", "marketing_leader", "tofu"},
    {"Campaign ROI Template", "ebook", "practitioner", "mofu"},
    {"Security & Privacy Overview", "whitepaper", "it", "bofu"},
    {"Customer Story: Atlas Logistics", "case_study", "marketing_leader", "bofu"},
    {"What Is Revenue Operations?", "video", "practitioner", "tofu"}
  };

  private void buildContent() {
    Rng r = Rng.of(seed, STREAM_CONTENT, 0);
    int n = 0;
    for (int edition = 0; edition < 2; edition++) {
      for (String[] a : ASSETS) {
        n++;
        long published =
            edition == 0
                ? window.startSec - r.daysBetween(30, 700)
                : window.startSec + r.daysBetween(0, Math.max(1, window.days - 20));
        String title = edition == 0 ? a[0] : a[0] + " (" + yearOf(published) + " edition)";
        content.add(
            new ContentAsset(String.format("CNT%03d", n), title, a[1], a[2], a[3], published));
      }
    }
  }

  private static int yearOf(long sec) {
    return LocalDate.ofEpochDay(Math.floorDiv(sec, Window.DAY)).getYear();
  }

  /** A published asset of the funnel stage, preferring the lead's persona. */
  ContentAsset contentAt(String stage, String persona, long sec, Rng r) {
    List<ContentAsset> fitting = new ArrayList<>();
    List<ContentAsset> any = new ArrayList<>();
    for (ContentAsset a : content) {
      if (a.publishedSec() <= sec && a.funnelStage().equals(stage)) {
        any.add(a);
        if (a.persona().equals(persona)) {
          fitting.add(a);
        }
      }
    }
    if (!fitting.isEmpty() && r.chance(0.6)) {
      return r.pick(fitting);
    }
    return any.isEmpty() ? null : r.pick(any);
  }
}
