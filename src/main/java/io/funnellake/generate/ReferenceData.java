package io.funnellake.generate;

import io.funnellake.contract.Entity;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;

/**
 * Export rows of the small reference entities, built on the driver: reps (again when one leaves),
 * campaigns (when created, and with the actual cost once ended), content assets (when published)
 * and daily currency rates into USD.
 */
final class ReferenceData {
  private ReferenceData() {}

  /** Rough USD value of a currency, for deal sizes; the daily rates walk around it. */
  static double nominalUsd(String currency) {
    return switch (currency) {
      case "EUR" -> 1.08;
      case "GBP" -> 1.27;
      default -> 1.0;
    };
  }

  static List<Row> rows(Company co) {
    Export out = new Export(co.window, Rng.of(co.seed, Company.STREAM_RATES, 1), 0.0);
    reps(co, out);
    campaigns(co, out);
    content(co, out);
    rates(co, out);
    return out.rows();
  }

  private static void reps(Company co, Export out) {
    Entity e = Entity.REPS;
    for (Rep rep : co.reps) {
      String[] row = new String[e.fields().size()];
      row[Cols.U_REP_ID] = rep.id();
      row[Cols.U_NAME] = rep.name();
      row[Cols.U_EMAIL] = rep.email();
      row[Cols.U_TEAM] = rep.team();
      row[Cols.U_ROLE] = rep.role();
      row[Cols.U_MONTHLY_CAPACITY_HOURS] = Integer.toString(rep.capacityHours());
      row[Cols.U_IS_ACTIVE] = "true";
      row[Cols.U_START_DATE] = rep.startDate();
      List<Export.Edit> edits = new ArrayList<>();
      edits.add(new Export.Edit(rep.createdSec(), 0, s -> {}));
      if (rep.endDate() != null) {
        edits.add(
            new Export.Edit(
                rep.activeTo() - 6 * 3600,
                1,
                s -> {
                  s[Cols.U_IS_ACTIVE] = "false";
                  s[Cols.U_END_DATE] = rep.endDate();
                }));
      }
      out.versions(e, rep.id(), row, Cols.U_UPDATED_AT, edits);
    }
  }

  private static void campaigns(Company co, Export out) {
    Entity e = Entity.CAMPAIGNS;
    Rng r = Rng.of(co.seed, Company.STREAM_CAMPAIGNS, 1);
    for (Campaign c : co.campaigns) {
      String[] row = new String[e.fields().size()];
      row[Cols.C_CAMPAIGN_ID] = c.id();
      row[Cols.C_NAME] = c.name();
      row[Cols.C_CAMPAIGN_TYPE] = c.type();
      row[Cols.C_CHANNEL] = c.channel().label;
      row[Cols.C_PARENT_CAMPAIGN_ID] = c.parentId();
      row[Cols.C_START_DATE] = c.startDate();
      row[Cols.C_END_DATE] = c.endDate();
      boolean program = c.type().equals("program");
      row[Cols.C_COST] = program ? null : Csv.money(c.budget());
      row[Cols.C_CURRENCY] = program ? null : c.currency();
      row[Cols.C_IS_DELETED] = "false";
      List<Export.Edit> edits = new ArrayList<>();
      long created =
          Math.max(co.window.startSec, c.startSec() - 21 * Window.DAY)
              + r.between(8 * 3600, 12 * 3600);
      edits.add(new Export.Edit(created, 0, s -> {}));
      if (c.budget() > 0) {
        String actual = Csv.money(c.actualCost());
        edits.add(
            new Export.Edit(
                c.endSec() + 3 * Window.DAY - 12 * 3600, 1, s -> s[Cols.C_COST] = actual));
      }
      out.versions(e, c.id(), row, Cols.C_UPDATED_AT, edits);
    }
  }

  private static void content(Company co, Export out) {
    Entity e = Entity.CONTENT_ASSETS;
    for (ContentAsset a : co.content) {
      String[] row = new String[e.fields().size()];
      row[Cols.K_CONTENT_ID] = a.id();
      row[Cols.K_TITLE] = a.title();
      row[Cols.K_ASSET_TYPE] = a.assetType();
      row[Cols.K_TARGET_PERSONA] = a.persona();
      row[Cols.K_FUNNEL_STAGE] = a.funnelStage();
      row[Cols.K_PUBLISHED_AT] = Csv.ts(a.publishedSec());
      long exported = Math.max(a.publishedSec(), co.window.startSec + 7 * 3600);
      out.versions(
          e, a.id(), row, Cols.K_UPDATED_AT, List.of(new Export.Edit(exported, 0, s -> {})));
    }
  }

  /** Daily EUR and GBP rates into USD as small random walks, and USD itself at 1. */
  private static void rates(Company co, Export out) {
    Rng r = Rng.of(co.seed, Company.STREAM_RATES, 0);
    String[] currencies = {"EUR", "GBP", "USD"};
    double[] rate = {nominalUsd("EUR"), nominalUsd("GBP"), 1.0};
    for (int d = 0; d < co.window.days; d++) {
      long day = co.window.dayStart(d);
      for (int c = 0; c < currencies.length; c++) {
        if (d > 0 && c < 2) {
          rate[c] *= Math.exp(0.004 * r.gaussian());
        }
        String[] row = new String[Entity.CURRENCY_RATES.fields().size()];
        row[Cols.X_CURRENCY] = currencies[c];
        row[Cols.X_RATE_DATE] = Csv.date(day);
        row[Cols.X_RATE] =
            BigDecimal.valueOf(rate[c]).setScale(6, RoundingMode.HALF_UP).toPlainString();
        row[Cols.X_QUOTE_CURRENCY] = "USD";
        out.add(Entity.CURRENCY_RATES, day, currencies[c], row);
      }
    }
  }
}
