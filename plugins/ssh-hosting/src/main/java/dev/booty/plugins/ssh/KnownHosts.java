package dev.booty.plugins.ssh;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.sshd.client.config.hosts.KnownHostEntry;
import org.apache.sshd.client.keyverifier.ServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.PublicKeyEntryResolver;

/**
 * Which host keys booty trusts: the scenario's known_hosts line for a host when it gives one, else
 * booty's own known_hosts file ({@code HOME/ssh/known_hosts}, OpenSSH's format), where a host's key
 * is recorded the first time only when the scenario accepts new keys for it. A key that differs
 * from the one known is always refused, naming both fingerprints, as OpenSSH does: that is what a
 * man in the middle looks like.
 */
final class KnownHosts {

  private static final Object FILE_LOCK = new Object();

  private final Path file;

  KnownHosts(Path file) {
    this.file = file;
  }

  /** booty's known_hosts under its home. */
  static KnownHosts inHome(Path home) {
    return new KnownHosts(home.resolve("ssh").resolve("known_hosts"));
  }

  Path file() {
    return file;
  }

  /**
   * A verifier for one connection to {@code host}. When it refuses a key, {@link
   * Verifier#refusal()} says why.
   */
  Verifier verifier(SshHostSpec host) {
    return new Verifier(host);
  }

  /** Verifies one host's key and remembers why it refused one. */
  final class Verifier implements ServerKeyVerifier {
    private final SshHostSpec host;
    private volatile String refusal;

    private Verifier(SshHostSpec host) {
      this.host = host;
    }

    Optional<String> refusal() {
      return Optional.ofNullable(refusal);
    }

    @Override
    public boolean verifyServerKey(ClientSession session, SocketAddress remote, PublicKey key) {
      try {
        refusal = check(host, key);
      } catch (IOException | RuntimeException e) {
        refusal = "cannot verify its host key: " + e.getMessage();
      }
      return refusal == null;
    }
  }

  /** Null when {@code key} is trusted for {@code host}, else why not. */
  private String check(SshHostSpec host, PublicKey key) throws IOException {
    List<PublicKey> known;
    String source;
    String remedy;
    if (host.knownHost().isPresent()) {
      source = "host." + host.index() + ".knownHost";
      known = List.of(parse(host.knownHost().get(), source));
      remedy = "if the host was really reinstalled, give its new key in " + source;
    } else {
      known = fromFile(host);
      source = file.toString();
      remedy = "if the host was really reinstalled, remove its line from " + source;
    }
    for (PublicKey candidate : known) {
      if (KeyUtils.compareKeys(candidate, key)) {
        return null;
      }
    }
    if (!known.isEmpty()) {
      PublicKey expected =
          known.stream()
              .filter(k -> KeyUtils.getKeyType(k).equals(KeyUtils.getKeyType(key)))
              .findFirst()
              .orElse(known.get(0));
      return "host key CHANGED: it offers "
          + KeyUtils.getKeyType(key)
          + " "
          + KeyUtils.getFingerPrint(key)
          + " but "
          + source
          + " has "
          + KeyUtils.getKeyType(expected)
          + " "
          + KeyUtils.getFingerPrint(expected)
          + "; refused ("
          + remedy
          + ")";
    }
    if (!host.acceptNewHostKey()) {
      return "host key not known: it offers "
          + KeyUtils.getKeyType(key)
          + " "
          + KeyUtils.getFingerPrint(key)
          + "; give host."
          + host.index()
          + ".knownHost, or host."
          + host.index()
          + ".acceptNewHostKey: true to record it in "
          + file;
    }
    record(host, key);
    return null;
  }

  private List<PublicKey> fromFile(SshHostSpec host) throws IOException {
    synchronized (FILE_LOCK) {
      if (!Files.exists(file)) {
        return List.of();
      }
      List<PublicKey> keys = new ArrayList<>();
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        String trimmed = line.trim();
        if (trimmed.isEmpty() || trimmed.startsWith("#")) {
          continue;
        }
        KnownHostEntry entry = KnownHostEntry.parseKnownHostEntry(trimmed);
        if (entry != null
            && entry.getMarker() == null
            && entry.isHostMatch(host.address(), host.port())) {
          keys.add(resolve(entry, file + " line '" + trimmed + "'"));
        }
      }
      return keys;
    }
  }

  private void record(SshHostSpec host, PublicKey key) throws IOException {
    String name = host.port() == 22 ? host.address() : "[" + host.address() + "]:" + host.port();
    String line = name + " " + PublicKeyEntry.toString(key) + "\n";
    synchronized (FILE_LOCK) {
      Files.createDirectories(file.getParent());
      if (!Files.exists(file)) {
        Files.createFile(
            file,
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      }
      Files.writeString(file, line, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    }
  }

  private static PublicKey parse(String line, String source) {
    String trimmed = line.trim();
    KnownHostEntry entry = KnownHostEntry.parseKnownHostEntry(trimmed);
    if (entry == null || entry.getKeyEntry() == null) {
      throw new IllegalArgumentException(source + " is not a known_hosts line: " + trimmed);
    }
    return resolve(entry, source);
  }

  private static PublicKey resolve(KnownHostEntry entry, String source) {
    try {
      PublicKey key =
          entry.getKeyEntry().resolvePublicKey(null, null, PublicKeyEntryResolver.FAILING);
      if (key == null) {
        throw new IllegalArgumentException(source + ": no key");
      }
      return key;
    } catch (IOException e) {
      throw new UncheckedIOException(source + ": " + e.getMessage(), e);
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalArgumentException(source + ": unusable key: " + e.getMessage(), e);
    }
  }
}
