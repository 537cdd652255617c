package dev.booty.core.scenario;

/** Where something stands in a scenario file: line and column, both from 1. */
public record Position(int line, int column) {
  @Override
  public String toString() {
    return line + ":" + column;
  }
}
