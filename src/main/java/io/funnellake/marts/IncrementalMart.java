package io.funnellake.marts;

import io.funnellake.config.FunnelConfig;
import io.funnellake.contract.Entity;
import java.util.List;

/**
 * A mart whose rows for one key (e.g. a lead) are a function of that key's rows in its silver
 * sources and of its settings only. The nightly run then rebuilds only the keys whose source rows
 * changed since the table was last written and keeps every other key's rows (see {@code
 * publish.IncrementalBuild}); the result equals a full build.
 *
 * <p>The contract, which the equality tests check: {@link #build} reads no table but the {@link
 * #keySources()} through {@link MartContext#silver}, each of which has a {@link #key()} column, and
 * a key's output rows carry that key.
 */
public interface IncrementalMart extends Mart {
  /** The key column, in the output and in every key source. */
  String key();

  /** The silver entities the build reads; a changed row marks its key for rebuilding. */
  List<Entity> keySources();

  /** The settings the build reads, as text: a change rebuilds the whole table. */
  String settings(FunnelConfig config);

  /** The classes whose code defines the rows: a changed build of any rebuilds the whole table. */
  List<Class<?>> logic();
}
