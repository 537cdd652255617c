package dev.booty.api;

/**
 * The secured parts of a Nomad or Consul agent's configuration, one text for booty's own servers
 * and for every hosting plugin's agents (local, ssh): ACLs on, TLS from booty's CA on RPC and HTTP,
 * servers checked by their role names, Consul's gossip key and tokens. Paths are as the agent's
 * host sees them (an ssh host's install root, not this machine's).
 */
public final class AgentSecurityConfig {
  private AgentSecurityConfig() {}

  /**
   * Nomad's {@code acl} and {@code tls} blocks: anonymous requests refused; RPC and HTTP over TLS
   * verifying both sides ({@code server.global.nomad}, {@code client.global.nomad}).
   */
  public static String nomadAclAndTls(String ca, String cert, String key) {
    return """
        acl {
          enabled = true
        }

        tls {
          http                   = true
          rpc                    = true
          ca_file                = "%s"
          cert_file              = "%s"
          key_file               = "%s"
          verify_server_hostname = true
          verify_https_client    = true
        }
        """
        .formatted(ca, cert, key);
  }

  /** Nomad's {@code consul} block for a Consul agent at {@code address} speaking HTTPS. */
  public static String nomadConsul(
      String address, String ca, String cert, String key, String consulToken) {
    return """
        consul {
          address   = "%s"
          ssl       = true
          ca_file   = "%s"
          cert_file = "%s"
          key_file  = "%s"
          token     = "%s"
        }
        """
        .formatted(address, ca, cert, key, consulToken);
  }

  /**
   * A Consul client agent's gossip key, ACL tokens and TLS, as JSON members each followed by a
   * comma (to sit among the other members). Its HTTPS answers with a token but asks for no client
   * certificate: booty's agent job reads it with the CA and a read-only token.
   */
  public static String consulClientJson(
      String gossipKey, String agentToken, String ca, String cert, String key) {
    return """
          "encrypt": "%s",
          "acl": {"enabled": true, "default_policy": "deny", "down_policy": "extend-cache",
                  "tokens": {"agent": "%s"}},
          "tls": {"defaults": {"ca_file": "%s", "cert_file": "%s", "key_file": "%s",
                               "verify_incoming": false, "verify_outgoing": true},
                  "internal_rpc": {"verify_incoming": true, "verify_server_hostname": true}},
        """
        .formatted(gossipKey, agentToken, ca, cert, key);
  }
}
