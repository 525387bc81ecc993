package io.funnellake.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.funnellake.testing.TestConfigs;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * docs/data-contract.md carries the entity tables rendered from {@link Entity}; this test fails
 * when they differ. Regenerate with {@code mvn -o test -Dtest=DataContractDocTest
 * -Dfunnel.docs.write=true}.
 */
class DataContractDocTest {
  static final String START =
      "<!-- entities:start (generated from Entity.java by DataContractDocTest) -->";
  static final String END = "<!-- entities:end -->";

  static String render() {
    StringBuilder sb = new StringBuilder();
    for (Entity e : Entity.values()) {
      sb.append("### ").append(e.table()).append("\n\n").append(e.description()).append("\n\n");
      sb.append("Key: ")
          .append(String.join(" + ", e.keys().stream().map(k -> "`" + k + "`").toList()));
      sb.append(". Version order: ")
          .append(
              e.versionField()
                  .map(v -> "`" + v + "`, then load, file and row")
                  .orElse("load, file and row"))
          .append(".\n\n");
      sb.append("| field | type | required | notes |\n|---|---|---|---|\n");
      for (Field f : e.fields()) {
        String notes = f.description();
        if (f.pii() != Pii.NONE) {
          notes += "; silver column `" + f.silverName() + "`";
        }
        if (f.valueSet() != null) {
          notes += "; values: " + f.valueSet();
        }
        sb.append("| `")
            .append(f.name())
            .append("` | ")
            .append(f.type().name().toLowerCase())
            .append(" | ")
            .append(f.required() ? "yes" : "")
            .append(" | ")
            .append(notes)
            .append(" |\n");
      }
      sb.append("\n");
    }
    return sb.toString();
  }

  @Test
  void documentedEntitiesEqualTheContract() throws Exception {
    Path doc = TestConfigs.projectDir().resolve("docs/data-contract.md");
    String text = Files.readString(doc);
    int a = text.indexOf(START);
    int b = text.indexOf(END);
    assertTrue(a >= 0 && b > a, "markers missing in " + doc);
    String expected = START + "\n\n" + render() + END;
    String actual = text.substring(a, b + END.length());
    if (Boolean.getBoolean("funnel.docs.write")) {
      Files.writeString(doc, text.replace(actual, expected));
      return;
    }
    assertEquals(expected, actual, "run with -Dfunnel.docs.write=true to regenerate, then review");
  }
}
