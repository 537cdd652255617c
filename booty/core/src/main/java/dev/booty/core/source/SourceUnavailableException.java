package dev.booty.core.source;

/**
 * A source cannot provide the component here and now (offline, 404, no Go toolchain, not packaged):
 * the installer moves on to the next source. Integrity failures are not this: a bad checksum stops
 * the install.
 */
public class SourceUnavailableException extends Exception {
  public SourceUnavailableException(String message) {
    super(message);
  }
}
