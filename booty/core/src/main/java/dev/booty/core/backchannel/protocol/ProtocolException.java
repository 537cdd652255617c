package dev.booty.core.backchannel.protocol;

/** A back-channel message booty cannot read: not JSON, the wrong shape, or an unknown version. */
public final class ProtocolException extends Exception {
  public ProtocolException(String message) {
    super(message);
  }
}
