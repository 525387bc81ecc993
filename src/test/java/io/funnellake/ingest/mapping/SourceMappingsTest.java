package io.funnellake.ingest.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.funnellake.config.ConfigLoader;
import io.funnellake.contract.Entity;
import io.funnellake.contract.ValueSets;
import io.funnellake.errors.FunnelException;
import io.funnellake.testing.TestConfigs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SourceMappingsTest {
  @TempDir Path tmp;
  static final Map<String, List<String>> SETS =
      ValueSets.resolve(ConfigLoader.load(null, Map.of()).stages());

  private FunnelException invalid(String entities) throws Exception {
    Path f = tmp.resolve("m.conf");
    Files.writeString(
        f,
        "source { id = x\n defaults { format = csv, files = [\"*.csv\"], delimiter = \",\", quote ="
            + " \"\\\"\", encoding = UTF-8, timestamp_formats = [\"yyyy-MM-dd\"], date_formats ="
            + " [\"yyyy-MM-dd\"], time_zone = UTC, true_values = [\"true\"], false_values ="
            + " [\"false\"], unknown_values = fail }\n entities { "
            + entities
            + " } }");
    return assertThrows(FunnelException.class, () -> SourceMappings.load(f.toString(), SETS));
  }

  @Test
  void theCanonicalMappingCoversEveryEntityInContractOrder() {
    List<EntityMapping> all =
        SourceMappings.load(
            TestConfigs.projectDir().resolve("conf/sources/canonical.conf").toString(), SETS);
    assertEquals(List.of(Entity.values()), all.stream().map(EntityMapping::entity).toList());
    assertTrue(all.get(0).required());
  }

  @Test
  void mappingErrorsNameTheFileAndKeyBeforeAnyFileIsRead() throws Exception {
    FunnelException unknownField =
        invalid(
            "leads { columns { lead_id = Id, created_at = C, updated_at = U, status = S, colour = X } }");
    assertEquals("MAPPING_INVALID", unknownField.code());
    assertTrue(
        unknownField.problem().contains("key 'source.entities.leads.columns.colour'"),
        unknownField.problem());
    assertTrue(
        unknownField.problem().contains(tmp.resolve("m.conf").toString()), unknownField.problem());

    FunnelException unmapped =
        invalid("leads { columns { lead_id = Id, created_at = C, updated_at = U } }");
    assertTrue(
        unmapped.problem().contains("required field 'status' of leads is not mapped"),
        unmapped.problem());

    FunnelException badStage =
        invalid(
            "leads { columns { lead_id = Id, created_at = C, updated_at = U, status = S }, values { status { \"Working\" = working } } }");
    assertTrue(
        badStage.problem().contains("'working' is not a canonical status"), badStage.problem());
    assertTrue(
        badStage.problem().contains("source.entities.leads.values.status"), badStage.problem());

    FunnelException entity = invalid("people { columns = canonical }");
    assertTrue(entity.problem().contains("'people' is not a canonical entity"), entity.problem());

    FunnelException format =
        invalid("leads { columns = canonical, timestamp_formats = [\"yyyy-MM-dd QQQQQQ\"] }");
    assertTrue(format.problem().contains("timestamp_formats"), format.problem());

    FunnelException transform =
        invalid("currency_rates { columns = canonical, transforms { rate = double } }");
    assertTrue(transform.problem().contains("unknown transform 'double'"), transform.problem());
  }
}
