package io.funnellake.marts.funnel;

import io.funnellake.config.FunnelConfig;
import io.funnellake.contract.Entity;
import io.funnellake.lakehouse.Lakehouse;
import io.funnellake.marts.IncrementalMart;
import io.funnellake.marts.common.DefinedMart;
import java.util.List;

/**
 * An intermediate built per record from its history by {@link StageEvents} (lead or opportunity
 * stage events and exits): incremental by that record's id, sensitive to the stage settings.
 */
abstract class StageEventsMart extends DefinedMart implements IncrementalMart {
  private final String key;
  private final List<Entity> keySources;
  private final List<Class<?>> logic;

  StageEventsMart(
      String name,
      List<String> grain,
      String description,
      String key,
      List<Entity> keySources,
      List<Class<?>> logic) {
    super(Lakehouse.SILVER, name, grain, description);
    this.key = key;
    this.keySources = List.copyOf(keySources);
    this.logic = List.copyOf(logic);
  }

  @Override
  public final String key() {
    return key;
  }

  @Override
  public final List<Entity> keySources() {
    return keySources;
  }

  @Override
  public final String settings(FunnelConfig config) {
    return config.stages().toString();
  }

  @Override
  public final List<Class<?>> logic() {
    return logic;
  }
}
