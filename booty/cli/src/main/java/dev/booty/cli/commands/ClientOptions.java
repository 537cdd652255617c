package dev.booty.cli.commands;

import dev.booty.core.client.ClientConfig;
import java.time.Duration;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * What a measuring test client does, a {@code @Mixin} shared by {@code booty client} (one client)
 * and {@code booty clients} (a scenario's share of them): servers, subjects, rate, kinds, timeouts.
 */
public final class ClientOptions {
  @Option(names = "--dc", required = true, paramLabel = "DC", description = "its data centre")
  String dc;

  @Option(
      names = "--servers",
      required = true,
      split = ",",
      paramLabel = "URL",
      description = "the seed list, tried in this order")
  List<String> servers;

  @Option(
      names = "--subject",
      defaultValue = "booty.client",
      paramLabel = "SUBJECT",
      description = "the root of the subjects it uses (default: ${DEFAULT-VALUE})")
  String subject;

  @Option(
      names = "--rate",
      defaultValue = "100",
      paramLabel = "N",
      description =
          "messages per second of each kind, 0: as fast as possible (default: ${DEFAULT-VALUE})")
  int rate;

  @Option(
      names = "--size",
      defaultValue = "128",
      paramLabel = "BYTES",
      description = "payload size, at least 16 (default: ${DEFAULT-VALUE})")
  int size;

  @Option(
      names = "--kinds",
      defaultValue = "pubsub",
      split = ",",
      paramLabel = "KIND",
      description = "pubsub, request, queue, jetstream (default: ${DEFAULT-VALUE})")
  List<String> kinds;

  @Option(
      names = "--ping-interval",
      defaultValue = "2s",
      paramLabel = "DURATION",
      description = "how often it pings its server (default: ${DEFAULT-VALUE})")
  Duration pingInterval;

  @Option(
      names = "--max-pings-out",
      defaultValue = "2",
      paramLabel = "N",
      description =
          "unanswered pings before the connection counts as dead (default: ${DEFAULT-VALUE})")
  int maxPingsOut;

  @Option(
      names = "--connect-timeout",
      defaultValue = "2s",
      paramLabel = "DURATION",
      description = "how long one connection attempt may take (default: ${DEFAULT-VALUE})")
  Duration connectTimeout;

  @Option(
      names = "--request-timeout",
      defaultValue = "2s",
      paramLabel = "DURATION",
      description = "wait for a reply or a JetStream ack (default: ${DEFAULT-VALUE})")
  Duration requestTimeout;

  @Option(
      names = "--replicas",
      defaultValue = "3",
      paramLabel = "N",
      description = "JetStream stream replicas (default: ${DEFAULT-VALUE})")
  int replicas;

  @Option(
      names = "--no-placement",
      description = "do not place the stream on servers tagged dc:DC (servers without tags)")
  boolean noPlacement;

  /** A client of these options named {@code id}; the caller adds what is its own and builds. */
  ClientConfig.Builder builder(String id) {
    return ClientConfig.builder()
        .id(id)
        .dc(dc)
        .servers(servers)
        .subject(subject)
        .rate(rate)
        .size(size)
        .kinds(kinds)
        .pingInterval(pingInterval)
        .maxPingsOut(maxPingsOut)
        .connectTimeout(connectTimeout)
        .requestTimeout(requestTimeout)
        .replicas(replicas)
        .placement(!noPlacement);
  }
}
