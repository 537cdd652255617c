package dev.booty.core.scenario;

/**
 * What every client publishes.
 *
 * @param rate messages per second per client
 * @param size message payload in bytes
 * @param jetstream whether messages go to a JetStream stream (false when not written)
 */
public record Workload(String subject, double rate, int size, boolean jetstream) {}
