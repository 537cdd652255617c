package dev.booty.testcontainers;

/** How a data centre or a link fails, as booty's chaos modes name it. */
public enum Outage {
  /**
   * Nothing answers and nothing is refused: a data centre's servers are paused (frozen), a link
   * drops what it carries. Peers notice only by their timeouts, as with a dead network.
   */
  SILENT,
  /**
   * Closed at once: a data centre's servers are killed (heal starts them again, with the same
   * client URLs), a link's proxies refuse connections.
   */
  HARD
}
