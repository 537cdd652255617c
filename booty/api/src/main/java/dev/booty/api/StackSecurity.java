package dev.booty.api;

import java.nio.file.Path;

/**
 * The credentials of booty's control plane, as plugins need them to act on it or to join hosts to
 * it. Nomad and Consul run with ACLs (anonymous requests refused), Consul's gossip is encrypted,
 * and both speak TLS with certificates from booty's own CA, on HTTP and on RPC.
 *
 * <p>Plain data and paths, so the record can cross a process boundary. The files are readable by
 * booty's user only (mode 600); tokens are secrets and never printed.
 *
 * @param caCertificate booty's CA certificate (PEM): trust it for every stack endpoint
 * @param clientCertificate booty's own client certificate (PEM) for the stack's HTTPS endpoints
 *     (Nomad and Consul ask for one)
 * @param clientKey its private key (PEM, PKCS#8)
 * @param nomadToken the Nomad token plugins use on {@code nomad.http}
 * @param consulToken the Consul token plugins use on {@code consul.http}
 * @param consulAgentToken the token a data centre's Consul agent registers its node with
 * @param consulNomadToken the Consul token a data centre's Nomad client registers services with
 * @param consulGossipKey the gossip encryption key every Consul agent of the stack needs
 * @param consulReaderToken a read-only Consul token (catalog and agents' services), for booty's
 *     agents in data centres and DNS readers
 */
public record StackSecurity(
    Path caCertificate,
    Path clientCertificate,
    Path clientKey,
    String nomadToken,
    String consulToken,
    String consulAgentToken,
    String consulNomadToken,
    String consulGossipKey,
    String consulReaderToken) {

  /** What {@link PluginContext#issueCertificate} wrote: a key pair signed by booty's CA. */
  public record IssuedCertificate(Path certificate, Path key, Path caCertificate) {}

  @Override
  public String toString() {
    return "StackSecurity[ca=" + caCertificate + ", tokens hidden]";
  }
}
