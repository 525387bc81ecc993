package io.funnellake.marts.common;

import io.funnellake.marts.Mart;
import java.util.List;

/** A mart whose layer, name, grain and description are fixed when it is constructed. */
public abstract class DefinedMart implements Mart {
  private final String layer;
  private final String name;
  private final List<String> grain;
  private final String description;

  protected DefinedMart(String layer, String name, List<String> grain, String description) {
    this.layer = layer;
    this.name = name;
    this.grain = List.copyOf(grain);
    this.description = description;
  }

  @Override
  public final String name() {
    return name;
  }

  @Override
  public final String layer() {
    return layer;
  }

  @Override
  public final List<String> grain() {
    return grain;
  }

  @Override
  public final String description() {
    return description;
  }
}
