package io.funnellake.generate;

import java.text.Normalizer;
import java.util.List;
import java.util.Locale;

/**
 * Word lists of the synthetic company: countries, names, company words, industries, personas and
 * titles. Names include accents and apostrophes so that UTF-8 and quoting are exercised; e-mail
 * addresses and web domains use the reserved {@code .example} top-level domain.
 */
final class Vocabulary {
  private Vocabulary() {}

  /**
   * @param utcOffset typical office-hours offset, for times of day
   * @param currency deal currency (USD where the company does not bill locally)
   */
  record Country(
      String code,
      String region,
      double weight,
      String currency,
      int utcOffset,
      String dialCode,
      String[] legalSuffixes) {}

  static final List<Country> COUNTRIES =
      List.of(
          new Country(
              "US", "NA", 40, "USD", -6, "+1", new String[] {"Inc.", ", Inc.", "LLC", "Corp"}),
          new Country("CA", "NA", 5, "USD", -5, "+1", new String[] {"Inc.", "Ltd"}),
          new Country("MX", "LATAM", 2, "USD", -6, "+52", new String[] {"SA de CV"}),
          new Country("BR", "LATAM", 3, "USD", -3, "+55", new String[] {"Ltda", "SA"}),
          new Country("AR", "LATAM", 1, "USD", -3, "+54", new String[] {"SA", "SRL"}),
          new Country("GB", "EMEA", 9, "GBP", 0, "+44", new String[] {"Ltd", "plc"}),
          new Country("IE", "EMEA", 1, "EUR", 0, "+353", new String[] {"Ltd", "DAC"}),
          new Country(
              "DE", "EMEA", 7, "EUR", 1, "+49", new String[] {"GmbH", "AG", "GmbH & Co. KG"}),
          new Country("FR", "EMEA", 5, "EUR", 1, "+33", new String[] {"SA", "SAS"}),
          new Country("NL", "EMEA", 3, "EUR", 1, "+31", new String[] {"BV", "NV"}),
          new Country("ES", "EMEA", 2, "EUR", 1, "+34", new String[] {"SL", "SA"}),
          new Country("IT", "EMEA", 2, "EUR", 1, "+39", new String[] {"Srl", "SpA"}),
          new Country("SE", "EMEA", 2, "USD", 1, "+46", new String[] {"AB"}),
          new Country("CH", "EMEA", 1, "USD", 1, "+41", new String[] {"AG", "GmbH", "SA"}),
          new Country("PL", "EMEA", 1, "USD", 1, "+48", new String[] {"Sp. z o.o."}),
          new Country("AE", "EMEA", 1, "USD", 4, "+971", new String[] {"LLC", "FZ-LLC"}),
          new Country("ZA", "EMEA", 1, "USD", 2, "+27", new String[] {"(Pty) Ltd"}),
          new Country("AU", "APAC", 4, "USD", 10, "+61", new String[] {"Pty Ltd"}),
          new Country("NZ", "APAC", 1, "USD", 12, "+64", new String[] {"Ltd"}),
          new Country("SG", "APAC", 2, "USD", 8, "+65", new String[] {"Pte Ltd"}),
          new Country("JP", "APAC", 2, "USD", 9, "+81", new String[] {"KK", "Co., Ltd."}),
          new Country("IN", "APAC", 3, "USD", 5, "+91", new String[] {"Pvt Ltd", "Ltd"}));

  static final double[] COUNTRY_WEIGHTS = COUNTRIES.stream().mapToDouble(Country::weight).toArray();

  static final String[] FIRST_NAMES = {
    "James",
    "Mary",
    "Robert",
    "Patricia",
    "Michael",
    "Jennifer",
    "David",
    "Linda",
    "William",
    "Elizabeth",
    "Sarah",
    "Daniel",
    "Emily",
    "Matthew",
    "Jessica",
    "Andrew",
    "Ashley",
    "Joshua",
    "Olivia",
    "Ethan",
    "Sophie",
    "Oliver",
    "Charlotte",
    "Harry",
    "Amelia",
    "Lukas",
    "Anna",
    "Jürgen",
    "Lena",
    "Felix",
    "Zoé",
    "Léa",
    "Hugo",
    "Chloé",
    "Mateo",
    "Lucía",
    "Sofía",
    "Álvaro",
    "Giulia",
    "Marco",
    "Björn",
    "Ingrid",
    "Søren",
    "Freja",
    "Agnieszka",
    "Piotr",
    "Priya",
    "Arjun",
    "Ananya",
    "Rahul",
    "Wei",
    "Mei",
    "Hiroshi",
    "Yuki",
    "Min-jun",
    "Ji-woo",
    "Aisha",
    "Omar",
    "Thandiwe",
    "Sipho",
    "João",
    "Beatriz",
    "Camila",
    "Santiago",
    "Siobhán",
    "Niamh",
    "Conor",
    "Noa"
  };

  static final String[] LAST_NAMES = {
    "Smith",
    "Johnson",
    "Williams",
    "Brown",
    "Jones",
    "Garcia",
    "Miller",
    "Davis",
    "Rodriguez",
    "Martinez",
    "Wilson",
    "Anderson",
    "Taylor",
    "Thomas",
    "Moore",
    "Jackson",
    "Martin",
    "Lee",
    "Thompson",
    "White",
    "Harris",
    "Clark",
    "Lewis",
    "Walker",
    "Hall",
    "Young",
    "King",
    "Wright",
    "O'Brien",
    "O'Connor",
    "McCarthy",
    "Müller",
    "Schmidt",
    "Schneider",
    "Fischer",
    "Weber",
    "Becker",
    "Dubois",
    "Lefèvre",
    "Moreau",
    "Fernández",
    "López",
    "González",
    "Rossi",
    "Bianchi",
    "Esposito",
    "Jansen",
    "de Vries",
    "van den Berg",
    "Andersson",
    "Johansson",
    "Nielsen",
    "Kowalski",
    "Nowak",
    "Sharma",
    "Patel",
    "Iyer",
    "Singh",
    "Wang",
    "Li",
    "Zhang",
    "Chen",
    "Tanaka",
    "Suzuki",
    "Sato",
    "Kim",
    "Park",
    "Nguyen",
    "Al-Sayed",
    "Haddad",
    "Dlamini",
    "Naidoo",
    "Silva",
    "Santos",
    "Oliveira",
    "Pérez",
    "Ramírez",
    "Murphy",
    "Kelly",
    "Walsh"
  };

  static final String[] COMPANY_PREFIXES = {
    "North",
    "Blue",
    "Silver",
    "Bright",
    "Summit",
    "Green",
    "Iron",
    "Clear",
    "Red",
    "Pioneer",
    "Atlas",
    "Harbor",
    "Granite",
    "Quantum",
    "Nova",
    "Evergreen",
    "Cedar",
    "Falcon",
    "Orion",
    "Vertex",
    "Lumen",
    "Apex",
    "Sterling",
    "Crescent",
    "Meridian",
    "Polar",
    "Sunrise",
    "Copper",
    "Aurora",
    "Beacon",
    "Keystone",
    "Maple",
    "Oak",
    "Pacific",
    "Alpine",
    "Coastal",
    "Prairie",
    "Union",
    "Liberty",
    "Crown"
  };

  static final String[] COMPANY_CORES = {
    "wind", "path", "stone", "wave", "field", "bridge", "peak", "line", "point", "gate", "works",
    "labs", "logic", "soft", "data", "cloud", "star", "forge", "wood", "brook", "view", "ridge",
    "light", "core", "sphere", "scale", "shift", "stack", "mark", "port", "craft", "vale", "mont",
    "bay", "haven", "crest", "flow", "grid", "spark", "tide"
  };

  static final String[] INDUSTRIES = {
    "Software",
    "Financial Services",
    "Healthcare",
    "Manufacturing",
    "Retail",
    "Education",
    "Media & Entertainment",
    "Professional Services",
    "Logistics",
    "Telecommunications",
    "Energy",
    "Public Sector"
  };

  /** A word added to company names per industry, so that large account sets stay varied. */
  static final String[] INDUSTRY_WORDS = {
    "Technologies",
    "Capital",
    "Health",
    "Industries",
    "Retail",
    "Learning",
    "Media",
    "Partners",
    "Logistics",
    "Networks",
    "Energy",
    "Services"
  };

  static final String[] SIZE_BANDS = {"1-10", "11-50", "51-200", "201-1000", "1001-5000", "5000+"};
  static final int[] SIZE_MIN = {1, 11, 51, 201, 1001, 5001};
  static final int[] SIZE_MAX = {10, 50, 200, 1000, 5000, 120_000};

  /** Buyer personas with their share of leads and how well they fit the product (0..1). */
  static final String[] PERSONAS = {
    "marketing_leader",
    "marketing_ops",
    "sales_leader",
    "revops",
    "it",
    "executive",
    "practitioner",
    "student"
  };

  static final double[] PERSONA_WEIGHTS = {14, 16, 10, 12, 10, 8, 26, 4};
  static final double[] PERSONA_FIT = {0.85, 0.9, 0.7, 0.95, 0.45, 0.6, 0.5, 0.05};

  static final String[][] TITLES = {
    {"VP Marketing", "VP, Marketing", "CMO", "Head of Demand Generation", "Director of Marketing"},
    {
      "Marketing Operations Manager",
      "Marketing Ops Specialist",
      "Director, Marketing Operations",
      "Marketing Automation Manager"
    },
    {"VP Sales", "Head of Sales", "Sales Director", "Chief Revenue Officer"},
    {"Revenue Operations Manager", "Director of RevOps", "Sales Operations Analyst", "RevOps Lead"},
    {"IT Manager", "Head of IT", "CIO", "Data Engineer", "BI Developer"},
    {"CEO", "Founder", "COO", "Managing Director", "Founder & CEO"},
    {
      "Marketing Manager",
      "Content Marketing Manager",
      "Growth Marketer",
      "Demand Gen Manager",
      "Data Analyst",
      "Marketing Analyst"
    },
    {"Student", "MBA Candidate", "Marketing Intern"}
  };

  static final String[] PAGES = {"/pricing", "/demo", "/product", "/integrations", "/customers"};
  static final String[] BLOG_PAGES = {
    "/blog/lead-scoring-guide", "/blog/speed-to-lead", "/blog/attribution-models",
    "/blog/mql-vs-sql", "/blog/funnel-benchmarks", "/blog/revops-stack"
  };

  /** Lower-case ASCII of a name, for e-mail addresses and domains. */
  static String ascii(String s) {
    String folded =
        Normalizer.normalize(
                s.replace("ß", "ss").replace("ø", "o").replace("Ø", "O"), Normalizer.Form.NFD)
            .replaceAll("\\p{M}", "");
    return folded.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
  }

  /** A fictitious phone number in a country's format (US numbers in the 555-01xx range). */
  static String phone(Country c, Rng r) {
    return switch (c.code()) {
      case "US", "CA" -> "+1 (" + r.between(201, 989) + ") 555-01" + pad2(r.between(0, 99));
      case "GB" -> "+44 20 7946 0" + pad3(r.between(0, 999));
      case "DE" -> "+49 30 " + r.between(1000000, 9999999);
      case "FR" ->
          "+33 1 "
              + pad2(r.between(10, 99))
              + " "
              + pad2(r.between(0, 99))
              + " "
              + pad2(r.between(0, 99))
              + " "
              + pad2(r.between(0, 99));
      default ->
          c.dialCode()
              + " "
              + r.between(100, 999)
              + " "
              + r.between(100, 999)
              + " "
              + r.between(1000, 9999);
    };
  }

  private static String pad2(int v) {
    return v < 10 ? "0" + v : Integer.toString(v);
  }

  private static String pad3(int v) {
    return v < 10 ? "00" + v : v < 100 ? "0" + v : Integer.toString(v);
  }
}
