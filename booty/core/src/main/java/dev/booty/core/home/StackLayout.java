package dev.booty.core.home;

import java.nio.file.Path;

/**
 * Where the local stack keeps its files in the booty home, typed in one place:
 *
 * <pre>
 * stack/ports.json                   the stack's ports (remembered between runs)
 * stack/network.json                 the address other hosts reach it at (booty up --advertise)
 * stack/state.json                   what the supervisor reports: phase, services, pids
 * stack/logs/SERVICE.log             each service's log (supervisor.log for booty's own)
 * stack/SERVICE/                     each service's data and config
 * stack/caddy/tls/caddy.pem          the front door's HTTPS certificate (booty's CA), key beside it
 * stack/nats/creds/booty.creds       booty's creds on the control-plane NATS
 * </pre>
 */
public record StackLayout(Path root) {
  public static final String SUPERVISOR = "supervisor";

  public static StackLayout of(BootyHome home) {
    return new StackLayout(home.root().resolve("stack"));
  }

  public Path ports() {
    return root.resolve("ports.json");
  }

  public Path network() {
    return root.resolve("network.json");
  }

  public Path state() {
    return root.resolve("state.json");
  }

  public Path logs() {
    return root.resolve("logs");
  }

  public Path logOf(String service) {
    return logs().resolve(service + ".log");
  }

  public Path supervisorLog() {
    return logOf(SUPERVISOR);
  }

  public Path serviceDir(String service) {
    return root.resolve(service);
  }

  /** Where the front door (Caddy) keeps its HTTPS certificate and key, issued by booty's CA. */
  public Path frontDoorTls() {
    return serviceDir("caddy").resolve("tls");
  }

  /** The creds files of the stack's NATS accounts. */
  public Path natsCreds() {
    return serviceDir("nats").resolve("creds");
  }

  /** booty's own creds on the control plane. */
  public Path bootyCreds() {
    return natsCreds().resolve("booty.creds");
  }
}
