package io.funnellake.generate;

import io.funnellake.contract.Entity;
import io.funnellake.generate.Vocabulary.Country;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Accounts (companies), each a pure function of (seed, account index), so that a lead derives its
 * company's attributes without a join. Low indexes are the large companies: the first few are the
 * very large accounts holding a big share of leads, then sizes fall with the index.
 */
final class Accounts {
  private Accounts() {}

  private static final int NAME_SPACE =
      Vocabulary.COMPANY_PREFIXES.length
          * Vocabulary.COMPANY_CORES.length
          * (Vocabulary.INDUSTRY_WORDS.length + 1);

  /** Coprime with NAME_SPACE: scatters neighbouring indexes over the name combinations. */
  private static final long NAME_STEP = 7919;

  private static final String[] SUFFIX_GENERATION = {
    "", " International", " Group", " Holdings", " Global", " Worldwide"
  };

  /**
   * @param ownerId account owner (an AE) for companies above 200 employees, else null
   * @param updateSec second of the one later update (re-enrichment), or -1
   */
  record Profile(
      int index,
      String id,
      String name,
      String baseName,
      String domain,
      String industry,
      int sizeBand,
      int employees,
      Country country,
      boolean regionKnown,
      boolean industryKnown,
      String ownerId,
      long createdSec,
      long exportedSec,
      long updateSec,
      int updatedEmployees) {

    String region() {
      return country.region();
    }

    String sizeLabel() {
      return Vocabulary.SIZE_BANDS[sizeBand];
    }
  }

  static String id(int index) {
    return Csv.id("A", 7, index + 1L);
  }

  static Profile profile(Company co, int index) {
    Rng r = Rng.of(co.seed, Company.STREAM_ACCOUNT, index);
    int band = sizeBand(co, index);
    int employees =
        (int)
            Math.round(
                Math.exp(
                    r.uniform(
                        Math.log(Vocabulary.SIZE_MIN[band]),
                        Math.log(Vocabulary.SIZE_MAX[band] + 0.99))));
    employees = Math.max(Vocabulary.SIZE_MIN[band], Math.min(Vocabulary.SIZE_MAX[band], employees));
    Country country = Vocabulary.COUNTRIES.get(r.weighted(Vocabulary.COUNTRY_WEIGHTS));

    long scrambled = (index % NAME_SPACE) * NAME_STEP % NAME_SPACE;
    int generation = index / NAME_SPACE;
    int words = Vocabulary.INDUSTRY_WORDS.length + 1;
    int word = (int) (scrambled % words);
    long rest = scrambled / words;
    String prefix = Vocabulary.COMPANY_PREFIXES[(int) (rest % Vocabulary.COMPANY_PREFIXES.length)];
    String core = Vocabulary.COMPANY_CORES[(int) (rest / Vocabulary.COMPANY_PREFIXES.length)];
    String industry = word > 0 ? Vocabulary.INDUSTRIES[word - 1] : r.pick(Vocabulary.INDUSTRIES);
    int round = generation / SUFFIX_GENERATION.length;
    String base =
        prefix
            + core
            + (word > 0 ? " " + Vocabulary.INDUSTRY_WORDS[word - 1] : "")
            + SUFFIX_GENERATION[generation % SUFFIX_GENERATION.length]
            + (round > 0 ? " " + (round + 1) : "");
    String suffix = r.pick(country.legalSuffixes());
    String name = suffix.startsWith(",") ? base + suffix : base + " " + suffix;
    String domain = Vocabulary.ascii(base) + ".example";

    boolean regionKnown = r.chance(0.8);
    boolean industryKnown = r.chance(0.95);
    long created = co.window.startSec - r.daysBetween(30, 2500);
    long exported = co.window.startSec + r.between(3600, 6 * 3600);
    String owner =
        employees > 200
            ? co.ae(Company.regionGroup(country.region()), employees, co.window.startSec, r).id()
            : null;
    long update = -1;
    int updatedEmployees = employees;
    if (r.chance(0.15)) {
      update = co.window.startSec + r.daysBetween(1, Math.max(1.5, co.window.days - 1));
      updatedEmployees = Math.max(1, (int) Math.round(employees * r.uniform(0.9, 1.3)));
    }
    return new Profile(
        index,
        id(index),
        name,
        base,
        domain,
        industry,
        band,
        employees,
        country,
        regionKnown,
        industryKnown,
        owner,
        created,
        exported,
        update,
        updatedEmployees);
  }

  /** Size band by rank: the whales are 5000+, then bands shrink towards the long tail. */
  private static int sizeBand(Company co, int index) {
    if (index < co.whales) {
      return 5;
    }
    double f = (index - co.whales) / (double) Math.max(1, co.accounts - co.whales);
    return f < 0.03 ? 4 : f < 0.12 ? 3 : f < 0.35 ? 2 : f < 0.65 ? 1 : 0;
  }

  /**
   * An account index for a new lead: 15% of leads go to the few very large accounts (Zipf among
   * them), the rest fall off with the index (density ~ 1/sqrt(index)).
   */
  static int forLead(Company co, Rng r) {
    if (r.chance(0.15)) {
      double[] w = new double[co.whales];
      for (int i = 0; i < w.length; i++) {
        w[i] = 1.0 / (i + 1);
      }
      return r.weighted(w);
    }
    double u = r.uniform();
    int rest = co.accounts - co.whales;
    return co.whales + Math.min(rest - 1, (int) (rest * u * u));
  }

  /** The account's export rows: the initial extract on the first day and a later update. */
  static List<org.apache.spark.sql.Row> rows(Company co, int index) {
    Profile a = profile(co, index);
    Export out =
        new Export(
            co.window, Rng.of(co.seed, Company.STREAM_ACCOUNT_DEFECTS, index), co.defectRate);
    Entity e = Entity.ACCOUNTS;
    String[] row = new String[e.fields().size()];
    row[Cols.A_ACCOUNT_ID] = a.id();
    row[Cols.A_NAME] = a.name();
    row[Cols.A_DOMAIN] = a.domain();
    row[Cols.A_INDUSTRY] = a.industryKnown() ? a.industry() : null;
    row[Cols.A_COMPANY_SIZE] = a.sizeLabel();
    row[Cols.A_EMPLOYEE_COUNT] = Integer.toString(a.employees());
    row[Cols.A_COUNTRY] = a.country().code();
    row[Cols.A_REGION] = a.regionKnown() ? a.region() : null;
    row[Cols.A_OWNER_ID] = a.ownerId();
    row[Cols.A_CREATED_AT] = Csv.ts(a.createdSec());
    row[Cols.A_IS_DELETED] = "false";
    List<Export.Edit> edits = new ArrayList<>();
    edits.add(new Export.Edit(a.exportedSec(), 0, s -> {}));
    if (a.updateSec() > 0) {
      edits.add(
          new Export.Edit(
              a.updateSec(),
              1,
              s -> {
                s[Cols.A_EMPLOYEE_COUNT] = Integer.toString(a.updatedEmployees());
                s[Cols.A_COMPANY_SIZE] = Vocabulary.SIZE_BANDS[band(a.updatedEmployees())];
                s[Cols.A_INDUSTRY] = a.industry();
              }));
    }
    out.versions(e, a.id(), row, Cols.A_UPDATED_AT, edits);
    return out.rows();
  }

  static int band(int employees) {
    for (int b = 0; b < Vocabulary.SIZE_MAX.length; b++) {
      if (employees <= Vocabulary.SIZE_MAX[b]) {
        return b;
      }
    }
    return Vocabulary.SIZE_MAX.length - 1;
  }

  /** The company name as someone typed it on a form: mostly right, sometimes shortened. */
  static String typedName(Profile a, Rng r) {
    double u = r.uniform();
    if (u < 0.85) {
      return a.name();
    }
    if (u < 0.95) {
      return a.baseName();
    }
    return a.baseName().toUpperCase(Locale.ROOT);
  }
}
