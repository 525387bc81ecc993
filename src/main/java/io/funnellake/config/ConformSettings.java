package io.funnellake.config;

import io.funnellake.errors.Errors;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code funnel.conform}: rules that fill derived fields of silver the same way for every source.
 *
 * @param salesChannels channels (lower case) whose leads are sales-sourced
 * @param partnerChannels channels (lower case) whose leads are partner-sourced
 * @param countryToRegion ISO alpha-2 country (upper case) to region
 * @param sizeBands employee-count bands, ascending upper bounds
 */
public record ConformSettings(
    List<String> salesChannels,
    List<String> partnerChannels,
    Map<String, String> countryToRegion,
    List<SizeBand> sizeBands) {

  /** Employee counts up to {@code max} (inclusive) get {@code label}. */
  public record SizeBand(int max, String label) {}

  static ConformSettings parse(Settings s) {
    Map<String, String> regions = new LinkedHashMap<>();
    for (String region : s.keys("regions")) {
      for (String country : s.section("regions").strings(quote(region))) {
        String prev = regions.put(country.toUpperCase(Locale.ROOT), region);
        if (prev != null) {
          throw Errors.badConfig(
              s.path("regions"),
              s.origin("regions"),
              "Country " + country + " is listed under both " + prev + " and " + region + ".",
              null);
        }
      }
    }
    List<SizeBand> bands =
        s.sections("size_bands").stream()
            .map(b -> new SizeBand(b.integer("max"), b.string("label")))
            .toList();
    for (int i = 1; i < bands.size(); i++) {
      if (bands.get(i).max() <= bands.get(i - 1).max()) {
        throw Errors.badConfig(
            s.path("size_bands"),
            s.origin("size_bands"),
            "Bands must have ascending max values; "
                + bands.get(i)
                + " follows "
                + bands.get(i - 1)
                + ".",
            null);
      }
    }
    return new ConformSettings(
        lower(s.strings("sales_channels")), lower(s.strings("partner_channels")), regions, bands);
  }

  private static List<String> lower(List<String> values) {
    return values.stream().map(v -> v.toLowerCase(Locale.ROOT)).toList();
  }

  private static String quote(String key) {
    return "\"" + key + "\"";
  }
}
