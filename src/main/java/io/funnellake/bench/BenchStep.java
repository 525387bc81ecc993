package io.funnellake.bench;

/**
 * One measured step of the benchmark.
 *
 * @param leads the scale (leads generated)
 * @param step step name: bare_scan, full_run, incremental_run, or peer:&lt;table&gt;:ours|duckdb
 * @param seconds wall time
 * @param rows rows the step processed (raw lines, rows read by ingest, or input rows)
 * @param peakHeapMb sampled peak used heap during the step
 * @param detail sub-step times or the equality check's outcome
 */
public record BenchStep(
    long leads, String step, double seconds, long rows, long peakHeapMb, String detail) {

  public double rowsPerSecond() {
    return seconds <= 0 ? 0 : rows / seconds;
  }
}
