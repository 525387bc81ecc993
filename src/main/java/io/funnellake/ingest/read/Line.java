package io.funnellake.ingest.read;

/**
 * One physical line of a text file.
 *
 * @param number 1-based line number in the file
 * @param text decoded text (with replacement characters if the bytes were invalid)
 * @param encodingError null, or why the bytes are not valid in the file's charset
 */
record Line(long number, String text, String encodingError) {
  boolean isBlank() {
    return encodingError == null && text.isBlank();
  }
}
