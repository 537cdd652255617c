package dev.booty.core.scenario;

import java.time.Duration;

/** The round-trip time between two data centres. */
public record WanLink(String a, String b, Duration rtt) {

  /** Whether this link joins {@code x} and {@code y}, in either order. */
  public boolean joins(String x, String y) {
    return (a.equals(x) && b.equals(y)) || (a.equals(y) && b.equals(x));
  }
}
