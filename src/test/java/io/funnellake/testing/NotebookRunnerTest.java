package io.funnellake.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

public class NotebookRunnerTest {
  /** Read by a notebook cell: the runner shares this JVM's classes and statics. */
  public static String shared = "set by the test";

  @TempDir Path tmp;

  /** A Java notebook from cells: "md:" prefix for markdown, else code. */
  Path notebook(String... cells) throws IOException {
    List<Object> list = new ArrayList<>();
    for (String c : cells) {
      Map<String, Object> cell = new LinkedHashMap<>();
      boolean md = c.startsWith("md:");
      cell.put("cell_type", md ? "markdown" : "code");
      cell.put("metadata", Map.of());
      List<String> lines = new ArrayList<>();
      for (String l : (md ? c.substring(3) : c).split("(?<=\n)")) {
        lines.add(l);
      }
      cell.put("source", lines);
      if (!md) {
        cell.put("outputs", List.of());
        cell.put("execution_count", null);
      }
      list.add(cell);
    }
    Map<String, Object> nb = new LinkedHashMap<>();
    nb.put("cells", list);
    nb.put(
        "metadata",
        Map.of("kernelspec", Map.of("name", "java", "language", "java", "display_name", "Java")));
    nb.put("nbformat", 4);
    nb.put("nbformat_minor", 5);
    Path p = tmp.resolve("n.ipynb");
    new ObjectMapper().writeValue(p.toFile(), nb);
    return p;
  }

  @Test
  void runsCodeCellsInOrderInOneShellAndReturnsTheLastValues() throws IOException {
    List<NotebookRunner.Cell> cells =
        NotebookRunner.run(
            notebook(
                "md:# Title\n",
                "import java.util.List;\nint twice(int x) { return 2 * x; }\nvar xs = List.of(1, 2);\n",
                "md:text\n",
                "twice(xs.size())\n",
                "System.out.println(\"no value\");\n",
                "io.funnellake.testing.NotebookRunnerTest.shared\n"));
    assertEquals(4, cells.size());
    assertEquals(List.of(2, 4, 5, 6), cells.stream().map(NotebookRunner.Cell::number).toList());
    assertEquals("[1, 2]", cells.get(0).value());
    assertEquals("4", cells.get(1).value());
    assertEquals(null, cells.get(2).value());
    assertEquals("\"set by the test\"", cells.get(3).value());
  }

  @Test
  void aThrowingCellFailsWithItsNumberAndTheException() throws IOException {
    AssertionError e =
        assertThrows(
            AssertionError.class,
            () ->
                NotebookRunner.run(
                    notebook("var a = 1;\n", "md:x\n", "Integer.parseInt(\"x\" + a)\n")));
    assertTrue(
        e.getMessage()
            .startsWith(
                "n.ipynb cell 3 threw java.lang.NumberFormatException:"
                    + " For input string: \"x1\""),
        e.getMessage());
  }

  @Test
  void aCellThatDoesNotCompileFailsWithTheDiagnostics() throws IOException {
    AssertionError e =
        assertThrows(
            AssertionError.class, () -> NotebookRunner.run(notebook("int a = \"text\";\n")));
    assertTrue(
        e.getMessage().startsWith("n.ipynb cell 1 does not compile: incompatible types"),
        e.getMessage());
    AssertionError magic =
        assertThrows(AssertionError.class, () -> NotebookRunner.run(notebook("%maven a:b:1\n")));
    assertTrue(magic.getMessage().contains("kernel magic"), magic.getMessage());
  }
}
