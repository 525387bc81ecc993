package io.funnellake.generate;

import io.funnellake.generate.Vocabulary.Country;

/**
 * Who a lead is and where it came from: drawn from the lead's own stream, independent of what then
 * happens to it, so that another lead (a duplicate) can look it up by index.
 */
final class LeadProfile {
  /** Normalises fit so that an average lead has fit 1 (persona x size fit averages ~0.57). */
  private static final double MEAN_FIT = 0.57;

  private static final double[] SIZE_FIT = {0.5, 0.75, 1.0, 1.0, 0.95, 0.85};

  final long index;
  final String id;
  final Channel channel;
  final long createdSec;
  final Accounts.Profile account;
  final boolean accountMatched;
  final Country country;
  final boolean countryKnown;
  final boolean regionKnown;
  final String company;
  final String firstName;
  final String lastName;
  final String email;
  final String phone;
  final int persona;
  final boolean personaKnown;
  final String title;
  final boolean industryKnown;

  /** 0 band and count, 1 count only, 2 band only, 3 neither. */
  final int sizeKnown;

  /** Multiplies the channel's funnel rates; averages 1. */
  final double fit;

  /** Index of the lead this one duplicates, or -1. */
  final long duplicateOf;

  private LeadProfile(Company co, long index) {
    Rng r = Rng.of(co.seed, Company.STREAM_PROFILE, index);
    this.index = index;
    this.id = id(index);
    this.channel = Channel.ALL[r.weighted(CHANNEL_SHARES)];
    int day = co.window.arrivalDay(r);
    this.account = Accounts.profile(co, Accounts.forLead(co, r));
    this.accountMatched = r.chance(0.92);
    this.country =
        r.chance(0.92)
            ? account.country()
            : Vocabulary.COUNTRIES.get(r.weighted(Vocabulary.COUNTRY_WEIGHTS));
    this.countryKnown = r.chance(0.96);
    this.regionKnown = r.chance(0.65);
    int localHour = r.chance(0.85) ? r.between(8, 17) : r.between(0, 23);
    int utcHour = Math.floorMod(localHour - country.utcOffset(), 24);
    this.createdSec = co.window.dayStart(day) + utcHour * 3600L + r.between(0, 3599);
    this.company = r.chance(0.98) ? Accounts.typedName(account, r) : null;
    this.firstName = r.pick(Vocabulary.FIRST_NAMES);
    this.lastName = r.pick(Vocabulary.LAST_NAMES);
    String domain = accountMatched || r.chance(0.5) ? account.domain() : "gmail.example";
    String f = Vocabulary.ascii(firstName);
    String l = Vocabulary.ascii(lastName);
    double u = r.uniform();
    String local =
        u < 0.55
            ? f + "." + l
            : u < 0.8 ? f.charAt(0) + l : u < 0.9 ? f : f + "." + l + r.between(1, 99);
    this.email = r.chance(0.995) ? local + "@" + domain : null;
    this.phone = r.chance(0.65) ? Vocabulary.phone(country, r) : null;
    this.persona = r.weighted(Vocabulary.PERSONA_WEIGHTS);
    this.personaKnown = r.chance(0.85);
    this.title = r.chance(0.93) ? r.pick(Vocabulary.TITLES[persona]) : null;
    this.industryKnown = r.chance(0.85);
    double s = r.uniform();
    this.sizeKnown = s < 0.55 ? 0 : s < 0.75 ? 1 : s < 0.85 ? 2 : 3;
    double noise = Math.exp(0.3 * r.gaussian());
    this.fit = Vocabulary.PERSONA_FIT[persona] * SIZE_FIT[account.sizeBand()] * noise / MEAN_FIT;
    this.duplicateOf = index > 0 && r.chance(0.005) ? r.between(0L, index - 1) : -1;
  }

  private static final double[] CHANNEL_SHARES = Channel.shares();

  static String id(long index) {
    return Csv.id("L", 8, index + 1);
  }

  static LeadProfile of(Company co, long index) {
    return new LeadProfile(co, index);
  }

  /** The original lead a duplicate points to, following chains of duplicates down. */
  static LeadProfile original(Company co, long index) {
    LeadProfile p = of(co, index);
    while (p.duplicateOf >= 0) {
      p = of(co, p.duplicateOf);
    }
    return p;
  }

  String region() {
    return country.region();
  }

  int regionGroup() {
    return Company.regionGroup(country.region());
  }

  String personaName() {
    return Vocabulary.PERSONAS[persona];
  }

  /** The fit clamped to a probability-like range for behaviour (0.05 .. 1). */
  double fitShare() {
    return Math.max(0.05, Math.min(1.0, fit * 0.6));
  }
}
