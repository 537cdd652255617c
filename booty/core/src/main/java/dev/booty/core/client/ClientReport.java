package dev.booty.core.client;

import java.util.List;

/**
 * What a test client saw.
 *
 * @param sent messages it tried to publish (also those the connection refused)
 * @param received distinct messages it got back
 * @param lost sequence numbers sent but never received
 * @param duplicated receipts of a sequence number already received
 * @param publishErrors publishes the connection refused (its reconnect buffer was full or it was
 *     closed); each is also lost
 * @param disconnects every DISCONNECTED, with the server it lost
 * @param reconnects every RECONNECTED, with the server it reached
 * @param firstServer the server of its first connection
 * @param lastServer the server it was connected to last
 */
public record ClientReport(
    String id,
    String dc,
    String subject,
    long sent,
    long received,
    long lost,
    long duplicated,
    long publishErrors,
    double latencyP50Ms,
    double latencyP99Ms,
    double latencyMaxMs,
    List<ConnectionEvent> disconnects,
    List<ConnectionEvent> reconnects,
    String firstServer,
    String lastServer) {

  /**
   * One connection event.
   *
   * @param time when the client heard it, ISO-8601
   * @param type CONNECTED, DISCONNECTED, RECONNECTED or CLOSED
   * @param server the server connected to (for DISCONNECTED and CLOSED: the one just lost)
   */
  public record ConnectionEvent(String time, String type, String server) {}
}
