package dev.booty.plugins.local;

import dev.booty.api.AgentSecurityConfig;
import dev.booty.api.PluginContext;
import dev.booty.api.StackSecurity;
import dev.booty.api.StackSecurity.IssuedCertificate;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What a data centre's agents need to join a secured stack: a certificate from booty's CA for both
 * agents (Nomad checks {@code client.global.nomad}, Consul's servers check the CA), Consul's gossip
 * key and tokens, and a read-only Consul token file for booty's agent job. The agents' own HTTP
 * APIs speak HTTPS too; Nomad's asks for a client certificate, Consul's answers with a token only
 * (booty's agent job reads it with the CA and a read-only token).
 */
record AgentSecurity(
    StackSecurity stack, IssuedCertificate cert, Path readerTokenFile, String address) {

  /** Empty when the stack runs without credentials (a home made before booty secured it). */
  static Optional<AgentSecurity> prepare(PluginContext ctx, String address, Path dir)
      throws IOException {
    Optional<StackSecurity> stack = ctx.security();
    if (stack.isEmpty()) {
      return Optional.empty();
    }
    Path tls = dir.resolve("tls");
    IssuedCertificate cert =
        ctx.issueCertificate(
            "agent",
            List.of("client.global.nomad", "client.booty.consul", "localhost", address),
            tls);
    Path reader = tls.resolve("consul-reader.token");
    DataCentreAgents.writePrivate(reader, stack.get().consulReaderToken());
    return Optional.of(new AgentSecurity(stack.get(), cert, reader, address));
  }

  /** Node meta lines for booty's agent job: where the CA and the read-only token are. */
  String nodeMeta() {
    return """

            booty_consul_ca         = "%s"
            booty_consul_token_file = "%s\""""
        .formatted(cert.caCertificate(), readerTokenFile);
  }

  /** The Nomad client's ACL, TLS and Consul blocks. */
  String nomadSecurity() {
    String ca = cert.caCertificate().toString();
    String crt = cert.certificate().toString();
    String key = cert.key().toString();
    return AgentSecurityConfig.nomadAclAndTls(ca, crt, key)
        + "\n"
        + AgentSecurityConfig.nomadConsul(
            address + ":8500", ca, crt, key, stack.consulNomadToken());
  }

  /** The Consul client's gossip key, ACL tokens and TLS, as JSON members ending in a comma. */
  String consulSecurity() {
    return "\n"
        + AgentSecurityConfig.consulClientJson(
                stack.consulGossipKey(),
                stack.consulAgentToken(),
                cert.caCertificate().toString(),
                cert.certificate().toString(),
                cert.key().toString())
            .stripTrailing();
  }
}
