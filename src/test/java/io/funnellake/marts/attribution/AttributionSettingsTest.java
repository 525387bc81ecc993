package io.funnellake.marts.attribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.funnellake.errors.FunnelException;
import io.funnellake.marts.common.Periods;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AttributionSettingsTest {
  @TempDir Path tmp;

  AttributionSettings settings(String... overrides) {
    return AttributionSettings.of(AttributionRun.config(tmp, "2025-11-20", overrides));
  }

  @Test
  void theDocumentedDefaults() {
    AttributionSettings a = settings();
    assertEquals(AttributionSettings.Matching.CONVERTED_LEAD, a.matching());
    assertEquals(false, a.includeSalesActivities());
    assertEquals(365, a.lookbackDays());
    assertEquals(180, a.influenceWindowDays());
    assertEquals(24, a.collapseWindowHours());
    assertEquals(7.0, a.halfLifeDays());
    assertEquals(20, a.shapleyMaxChannels());
    assertEquals(200000, a.maxDistinctPaths());
    assertEquals(200, a.maxPathTouches());
    assertEquals(20_000_000, a.maxAccountPairs());
    assertEquals(Periods.Grain.MONTH, a.period());
    assertEquals(Model.all(), a.models());
    assertEquals(
        new AttributionSettings.PositionWeights(0.4, 0.4, 0, 0, 0, 0.2),
        a.weights().get(Model.U_SHAPED));
    assertEquals(
        new AttributionSettings.PositionWeights(0.225, 0, 0.225, 0.225, 0.225, 0.1),
        a.weights().get(Model.FULL_PATH));
  }

  @Test
  void badValuesAreClearErrorsNamingTheKey() {
    FunnelException weights =
        assertThrows(
            FunnelException.class,
            () -> settings("weights.u_shaped", "{first = 0.5, last = 0.4, middle = 0.2}"));
    assertTrue(weights.getMessage().contains("funnel.attribution.weights.u_shaped"));
    assertTrue(weights.getMessage().contains("they must sum to 1"), weights.getMessage());
    FunnelException model =
        assertThrows(FunnelException.class, () -> settings("models", "[linear, shapely]"));
    assertTrue(model.getMessage().contains("'shapely'"), model.getMessage());
    FunnelException channels =
        assertThrows(FunnelException.class, () -> settings("shapley_max_channels", "25"));
    assertTrue(channels.getMessage().contains("from 1 to 24"), channels.getMessage());
    FunnelException pairs =
        assertThrows(FunnelException.class, () -> settings("max_account_pairs", "0"));
    assertTrue(
        pairs.getMessage().contains(AttributionSettings.MAX_ACCOUNT_PAIRS_KEY), pairs.getMessage());
    FunnelException halfLife =
        assertThrows(FunnelException.class, () -> settings("time_decay_half_life_days", "0"));
    assertTrue(halfLife.getMessage().contains("time_decay_half_life_days"));
    FunnelException stage = assertThrows(FunnelException.class, () -> settings("mql_stage", "hot"));
    assertTrue(stage.getMessage().contains("funnel.attribution.mql_stage"));
    FunnelException key =
        assertThrows(FunnelException.class, () -> settings("weights.custom.midle", "0.1"));
    assertTrue(key.getMessage().contains("midle"), key.getMessage());
  }

  @Test
  void modelsAreListedOnceInConfiguredOrder() {
    assertEquals(
        List.of(Model.SHAPLEY, Model.LINEAR),
        settings("models", "[shapley, linear, shapley]").models());
  }
}
