package dev.booty.cli.commands;

import dev.booty.core.client.ClientConfig;
import dev.booty.core.scenario.ClientGroup.Bootstrap;
import dev.booty.core.scenario.ClientGroup.Profile;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

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
      description =
          "the seed list, tried in this order; with --bootstrap dns the one URL of the DNS name")
  List<String> servers;

  @Option(
      names = "--group",
      paramLabel = "LABEL",
      description = "its client group (default: the data centre); clients are named after it")
  String group;

  @Option(
      names = "--bootstrap",
      defaultValue = "seeds",
      paramLabel = "seeds|dns",
      converter = BootstrapConverter.class,
      description =
          "how it found its servers; dns also times and watches the name's resolution (default:"
              + " ${DEFAULT-VALUE})")
  Bootstrap bootstrap;

  @Option(
      names = "--profile",
      defaultValue = "careful",
      paramLabel = "careful|library-default",
      converter = ProfileConverter.class,
      description =
          "careful: the options given here; library-default: jnats' defaults (shuffled and"
              + " discovered servers, its ping, timeout and reconnect wait) (default:"
              + " ${DEFAULT-VALUE})")
  Profile profile;

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
      names = "--nats-ca",
      paramLabel = "FILE",
      description =
          "speak TLS to the servers, trusting the CA certificates in FILE (PEM; booty's CA for a"
              + " cluster with cluster.tls); the URLs stay nats://")
  Path natsCa;

  @Option(
      names = "--nats-creds",
      paramLabel = "FILE",
      description =
          "authenticate to the servers with this creds file (a cluster with cluster.auth: jwt)")
  Path natsCreds;

  @Option(
      names = "--no-placement",
      description = "do not place the stream on servers tagged dc:DC (servers without tags)")
  boolean noPlacement;

  /** A client of these options named {@code id}; the caller adds what is its own and builds. */
  /**
   * Careful clients that resolve a DNS name ask for it at every connection attempt, as their
   * resolver answers now: the JVM's 30 s name cache would hide the failover being measured
   * (library-default clients keep it, as applications do). Process-wide, before any lookup: one
   * process hosts one group.
   */
  void applyNameCache() {
    if (bootstrap == Bootstrap.DNS && profile == Profile.CAREFUL) {
      java.security.Security.setProperty("networkaddress.cache.ttl", "0");
      java.security.Security.setProperty("networkaddress.cache.negative.ttl", "0");
    }
  }

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
        .placement(!noPlacement)
        .group(group)
        .bootstrap(bootstrap)
        .profile(profile)
        .caFile(natsCa)
        .credsFile(natsCreds);
  }

  /** Its client group: {@code --group}, else the data centre. */
  String group() {
    return group == null || group.isBlank() ? dc : group;
  }

  static final class BootstrapConverter implements ITypeConverter<Bootstrap> {
    @Override
    public Bootstrap convert(String value) {
      for (Bootstrap b : Bootstrap.values()) {
        if (b.id().equals(value)) {
          return b;
        }
      }
      throw new TypeConversionException("'" + value + "': expected seeds or dns");
    }
  }

  static final class ProfileConverter implements ITypeConverter<Profile> {
    @Override
    public Profile convert(String value) {
      for (Profile p : Profile.values()) {
        if (p.id().equals(value)) {
          return p;
        }
      }
      throw new TypeConversionException("'" + value + "': expected careful or library-default");
    }
  }
}
