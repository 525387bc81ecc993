package io.funnellake.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import jdk.jshell.Diag;
import jdk.jshell.EvalException;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.UnresolvedReferenceException;

/**
 * Executes a Jupyter notebook written for a Java kernel (JJava, IJava: kernelspec language {@code
 * java}) the way the kernel would: its code cells in order, in one {@link JShell}, so later cells
 * see earlier cells' variables, imports and methods. Markdown cells are skipped.
 *
 * <p>How to use it in a test:
 *
 * <pre>{@code
 * NotebookSession.use(lakehouse, config, pseudonyms); // what the notebook's cells will read
 * List<NotebookRunner.Cell> cells = NotebookRunner.run(Path.of("notebooks/x.ipynb"));
 * assertEquals("\"champion\"", cells.get(0).value());
 * }</pre>
 *
 * <ul>
 *   <li>The JShell uses the <b>local execution engine</b>: snippets run in this JVM, with this
 *       JVM's class path ({@code java.class.path}, i.e. main and test classes and every
 *       dependency), so static state is shared. That is how a notebook reaches the test's single
 *       SparkSession: the test sets a static holder (e.g. {@code
 *       io.funnellake.notebook.NotebookSession#use}) that the notebook's first cell reads.
 *   <li>A cell's source is split into snippets (statements, declarations, expressions) with
 *       JShell's source analysis. Any snippet that does not compile, has unresolved references or
 *       throws fails the run with an {@link AssertionError} naming the cell (1-based position in
 *       the notebook, markdown cells counted) and the compiler diagnostics or the exception. Kernel
 *       magics ({@code %maven}, {@code %%time}...) are not supported and fail likewise.
 *   <li>The result lists every code cell with the value of its last snippet that has one, as JShell
 *       renders it (a String in quotes, a record by its toString), or null.
 *   <li>Output printed by cells goes to this JVM's stdout.
 * </ul>
 */
public final class NotebookRunner {
  /** A code cell that ran: its position in the notebook (1-based), its source, its last value. */
  public record Cell(int number, String source, String value) {}

  private NotebookRunner() {}

  public static List<Cell> run(Path notebook) {
    JsonNode root;
    try {
      root = new ObjectMapper().readTree(notebook.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read notebook " + notebook, e);
    }
    String language = root.path("metadata").path("kernelspec").path("language").asText("");
    if (!language.equalsIgnoreCase("java")) {
      throw new AssertionError(
          notebook + ": kernelspec language is '" + language + "', the runner runs java only");
    }
    List<Cell> out = new ArrayList<>();
    try (JShell shell = JShell.builder().executionEngine("local").build()) {
      for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
        if (!entry.isEmpty()) {
          shell.addToClasspath(entry);
        }
      }
      JsonNode cells = root.path("cells");
      for (int i = 0; i < cells.size(); i++) {
        JsonNode cell = cells.get(i);
        if (!cell.path("cell_type").asText().equals("code")) {
          continue;
        }
        String source = source(cell.path("source"));
        out.add(new Cell(i + 1, source, runCell(shell, notebook, i + 1, source)));
      }
    }
    return out;
  }

  /** Runs one cell's snippets; the value of the last one that has a value. */
  private static String runCell(JShell shell, Path notebook, int number, String source) {
    String where = notebook.getFileName() + " cell " + number;
    for (String line : source.split("\n")) {
      if (line.stripLeading().startsWith("%")) {
        throw new AssertionError(where + ": kernel magic '" + line.strip() + "' is not supported");
      }
    }
    String value = null;
    String remaining = source;
    SourceCodeAnalysis analysis = shell.sourceCodeAnalysis();
    while (!remaining.isBlank()) {
      SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(remaining);
      SourceCodeAnalysis.Completeness c = info.completeness();
      if (c == SourceCodeAnalysis.Completeness.EMPTY) {
        break;
      }
      if (c == SourceCodeAnalysis.Completeness.DEFINITELY_INCOMPLETE
          || c == SourceCodeAnalysis.Completeness.CONSIDERED_INCOMPLETE) {
        throw new AssertionError(where + ": incomplete code at: " + remaining.strip());
      }
      String snippet = c == SourceCodeAnalysis.Completeness.UNKNOWN ? remaining : info.source();
      for (SnippetEvent e : shell.eval(snippet)) {
        check(shell, where, e);
        // void calls and statements report "" (an empty String shows as "\"\"")
        if (e.value() != null && !e.value().isEmpty() && e.causeSnippet() == null) {
          value = e.value();
        }
      }
      remaining = c == SourceCodeAnalysis.Completeness.UNKNOWN ? "" : info.remaining();
    }
    return value;
  }

  private static void check(JShell shell, String where, SnippetEvent e) {
    if (e.causeSnippet() != null) {
      return; // an update of an earlier snippet, not this one
    }
    Snippet s = e.snippet();
    if (e.exception() != null) {
      throw new AssertionError(
          where + " threw " + describe(e.exception()) + "\n  in: " + s.source().strip(),
          e.exception());
    }
    switch (e.status()) {
      case REJECTED -> {
        String diags =
            shell.diagnostics(s).map(NotebookRunner::describe).collect(Collectors.joining("; "));
        throw new AssertionError(
            where + " does not compile: " + diags + "\n  in: " + s.source().strip());
      }
      case RECOVERABLE_DEFINED, RECOVERABLE_NOT_DEFINED -> {
        String missing =
            shell
                .unresolvedDependencies((jdk.jshell.DeclarationSnippet) s)
                .collect(Collectors.joining(", "));
        throw new AssertionError(
            where + " refers to undefined " + missing + "\n  in: " + s.source().strip());
      }
      default -> {
        // VALID (or OVERWRITTEN/DROPPED by a later definition): fine
      }
    }
  }

  private static String describe(Diag d) {
    return d.getMessage(null) + " (position " + d.getStartPosition() + ")";
  }

  private static String describe(Throwable t) {
    if (t instanceof EvalException ee) {
      return ee.getExceptionClassName() + ": " + ee.getMessage();
    }
    if (t instanceof UnresolvedReferenceException ure) {
      return "an unresolved reference in " + ure.getSnippet().source().strip();
    }
    return t.toString();
  }

  private static String source(JsonNode src) {
    if (src.isArray()) {
      StringBuilder sb = new StringBuilder();
      src.forEach(n -> sb.append(n.asText()));
      return sb.toString();
    }
    return src.asText("");
  }
}
