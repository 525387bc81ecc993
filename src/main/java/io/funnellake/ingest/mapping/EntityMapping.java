package io.funnellake.ingest.mapping;

import io.funnellake.contract.Entity;
import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * How one kind of export file of one source becomes rows of one canonical entity. Built from a
 * block {@code source.entities.<key>} of a mapping file by {@link SourceMappings}.
 *
 * @param mappingFile the mapping file, for error messages
 * @param sourceId the source (system) id, e.g. {@code salesforce}
 * @param key the block name, unique within the source
 * @param entity the canonical entity filled
 * @param folder landing folder of the files, relative to the landing root
 * @param filePatterns glob patterns of file names in the folder
 * @param required a missing folder fails the run instead of being recorded as skipped
 * @param columns canonical field to its source columns (or JSON dotted paths) in order of
 *     preference: a row takes the first non-empty one its file has
 * @param canonicalColumns columns were declared as {@code canonical}: optional ones may be absent
 * @param values canonical field to (lower-cased raw value to canonical value)
 * @param constants canonical field to the value used when the source has none
 * @param filter keeps only matching rows, or null
 * @param unpivot wide-to-long spec, or null
 * @param deriveKeyFrom fields hashed into the key when the key column is not mapped
 * @param unknownValues fail the run or quarantine rows with values outside a value set
 * @param transforms canonical numeric field to a unit transform applied after parsing
 */
public record EntityMapping(
    String mappingFile,
    String sourceId,
    String key,
    Entity entity,
    String folder,
    List<String> filePatterns,
    boolean required,
    FileFormat format,
    char delimiter,
    char quote,
    String encoding,
    Map<String, List<String>> columns,
    boolean canonicalColumns,
    Map<String, Map<String, String>> values,
    Map<String, String> constants,
    RowFilter filter,
    Unpivot unpivot,
    List<String> deriveKeyFrom,
    List<String> timestampFormats,
    List<String> dateFormats,
    String timeZone,
    List<String> trueValues,
    List<String> falseValues,
    UnknownValues unknownValues,
    String thousandsSeparator,
    Map<String, Transform> transforms)
    implements Serializable {

  /** What to do with a value that is neither canonical nor mapped. */
  public enum UnknownValues {
    FAIL,
    QUARANTINE
  }

  /** {@code source.entities.<key>}, the prefix of every key of this block. */
  public String configKey() {
    return "source.entities." + key;
  }

  /** Identifies the mapping in logs and tables: {@code <source>/<key>}. */
  public String id() {
    return sourceId + "/" + key;
  }
}
