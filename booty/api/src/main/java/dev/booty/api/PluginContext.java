package dev.booty.api;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What booty hands to every plugin: where things live, which binaries are installed, the running
 * stack's addresses, and the one way plugins act on Nomad. Plain data and paths only, so the same
 * context can cross a process boundary for out-of-process plugins.
 */
public interface PluginContext {

  /** The API version booty offers; a plugin built for another major version is refused. */
  ApiVersion apiVersion();

  /** The booty home ({@code ~/.booty} by default). */
  Path home();

  /** The active installed binary of a component ({@code nomad}, {@code nats-server}), if any. */
  Optional<Path> binary(String component);

  /** The binary of one installed version of a component, if installed. */
  Optional<Path> binary(String component, String version);

  /** The scenario being deployed, e.g. {@code local-3dc}. */
  String scenario();

  /** This plugin's folder for the scenario's files; removed with the scenario by destroy. */
  Path workDir();

  /**
   * The running stack's addresses: {@code nomad.http} and {@code consul.http} (URLs), {@code
   * nomad.rpc} (host:port).
   */
  Map<String, String> endpoints();

  /**
   * Runs a job and follows it to healthy. A job Nomad already runs with the same text and variables
   * is left alone ({@link JobResult#changed()} false). Throws when it does not get healthy, with
   * Nomad's reason.
   */
  JobResult runJob(NomadJob job);

  /** Stops and purges a job; false when Nomad did not know it. */
  boolean stopJob(String id);

  /**
   * The control plane's credentials; empty for a stack that runs without them (a home made before
   * booty secured its stack).
   */
  default Optional<StackSecurity> security() {
    return Optional.empty();
  }

  /**
   * Issues a certificate signed by booty's CA into {@code dir} ({@code NAME.pem}, {@code
   * NAME-key.pem}, mode 600), for a host that joins the stack. {@code names} are its DNS names and
   * IP addresses (Nomad wants {@code client.global.nomad}, Consul {@code client.booty.consul} for
   * the agents of a data centre).
   */
  default StackSecurity.IssuedCertificate issueCertificate(
      String name, List<String> names, Path dir) {
    throw new UnsupportedOperationException("this booty issues no certificates");
  }

  /**
   * booty's distribution on this machine (the folder holding {@code bin/booty} and {@code lib/}),
   * from which booty's agents and test clients run on a data centre's nodes; empty when booty runs
   * outside a distribution (a unit test). A hosting plugin for remote hosts copies it there and
   * names its launcher in the node's meta ({@code booty_launcher}).
   */
  default Optional<Path> distribution() {
    return Optional.empty();
  }

  /** One line of progress for the person watching. */
  void progress(String message);
}
