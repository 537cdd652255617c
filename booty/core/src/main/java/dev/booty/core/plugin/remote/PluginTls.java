package dev.booty.core.plugin.remote;

import dev.booty.core.BootyException;
import dev.booty.core.home.BootyHome;
import dev.booty.core.security.BootyCa;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

/**
 * Certificates for executable plugins, from a CA that signs nothing else ({@code
 * HOME/security/plugins}), every plugin start's leaf valid for {@link #LEAF_VALIDITY} only. Per
 * plugin start, a fresh pair: the plugin's leaf in a 0700 folder the plugin reads once, and booty's
 * client leaf for its channel to that plugin in another folder the plugin is not told of; booty
 * deletes both after the handshake. The leaf of booty's {@link HostServer} is made once per booty
 * process, as that one server serves every plugin of the process.
 */
final class PluginTls {
  /**
   * How long a plugin leaf is valid: a plugin process lives as long as the booty that started it (a
   * run, a command); a copied key is useless a day later.
   */
  static final Duration LEAF_VALIDITY = Duration.ofHours(24);

  /**
   * How long the Host server's leaf is valid: it lives as long as its booty process, which may run
   * a soak for days; plugins renew their own leaves by a restart ({@link ExecPlugin}), this one
   * cannot be renewed under the plugins that know it.
   */
  static final Duration HOST_LEAF_VALIDITY = Duration.ofDays(30);

  private static final List<String> NAMES = List.of("localhost", "127.0.0.1");

  private final BootyCa ca;
  private final Path runtime;
  private final Path bootyDir;

  private PluginTls(BootyCa ca, Path runtime, Path bootyDir) {
    this.ca = ca;
    this.runtime = runtime;
    this.bootyDir = bootyDir;
  }

  /** The plugin CA of a home, with the Host server's leaf for this process issued. */
  static PluginTls forHome(BootyHome home) {
    BootyCa ca = BootyCa.loadOrCreate(home.pluginCa());
    Path runtime = home.pluginRuntime();
    Path bootyDir = privateDir(runtime.resolve("booty-" + ProcessHandle.current().pid()));
    ca.issue("booty", "booty", NAMES, bootyDir, HOST_LEAF_VALIDITY);
    return new PluginTls(ca, runtime, bootyDir);
  }

  Path caCertificate() {
    return ca.certificateFile();
  }

  /** The Host server's certificate (one per booty process). */
  Path bootyCertificate() {
    return bootyDir.resolve("booty.pem");
  }

  /** The Host server's key. */
  Path bootyKey() {
    return bootyDir.resolve("booty-key.pem");
  }

  /**
   * One start's TLS files.
   *
   * @param pluginDir handed to the plugin: {@code plugin.pem}, {@code plugin-key.pem}, {@code
   *     ca.pem}, {@code booty.pem} (the Host server's certificate)
   * @param bootyDir booty's client leaf for this start: {@code booty-client.pem}, {@code
   *     booty-client-key.pem}
   */
  record Start(Path pluginDir, Path bootyDir) {
    Path pluginCertificate() {
      return pluginDir.resolve("plugin.pem");
    }

    Path bootyCertificate() {
      return bootyDir.resolve("booty-client.pem");
    }

    Path bootyKey() {
      return bootyDir.resolve("booty-client-key.pem");
    }

    /** Removes both folders (their keys were this start's one-time secrets). */
    void delete() {
      PluginTls.delete(pluginDir);
      PluginTls.delete(bootyDir);
    }
  }

  /** Issues a start's two leaves for plugin {@code id}. */
  Start issueForStart(String id) {
    String name = id + "-" + UUID.randomUUID();
    Start start =
        new Start(privateDir(runtime.resolve(name)), privateDir(runtime.resolve(name + "-booty")));
    try {
      ca.issue("plugin", id, NAMES, start.pluginDir(), LEAF_VALIDITY);
      ca.issue("booty-client", "booty", NAMES, start.bootyDir(), LEAF_VALIDITY);
      Files.copy(
          ca.certificateFile(),
          start.pluginDir().resolve("ca.pem"),
          StandardCopyOption.REPLACE_EXISTING);
      Files.copy(
          bootyCertificate(),
          start.pluginDir().resolve("booty.pem"),
          StandardCopyOption.REPLACE_EXISTING);
    } catch (RuntimeException e) {
      start.delete();
      throw e;
    } catch (IOException e) {
      start.delete();
      throw BootyException.failure(
          "cannot write plugin %s's TLS files into %s: %s"
              .formatted(id, start.pluginDir(), e.getMessage()));
    }
    return start;
  }

  /** Removes the Host server's leaf for this process (the next use issues a new one). */
  void close() {
    delete(bootyDir);
  }

  /** The DER of a PEM certificate file. */
  static byte[] der(Path pem) {
    try {
      return certificate(pem).getEncoded();
    } catch (GeneralSecurityException e) {
      throw BootyException.failure("cannot read the certificate " + pem + ": " + e.getMessage());
    }
  }

  /** The certificate in a PEM file. */
  static X509Certificate certificate(Path pem) {
    try (InputStream in = Files.newInputStream(pem)) {
      return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
    } catch (IOException | GeneralSecurityException e) {
      throw BootyException.failure("cannot read the certificate " + pem + ": " + e.getMessage());
    }
  }

  /** Removes a folder of certificates and keys. */
  static void delete(Path dir) {
    try (var files = Files.list(dir)) {
      for (Path f : files.toList()) {
        Files.deleteIfExists(f);
      }
      Files.deleteIfExists(dir);
    } catch (IOException e) {
      // already gone
    }
  }

  private static Path privateDir(Path dir) {
    try {
      Files.createDirectories(dir.getParent());
      if (!Files.isDirectory(dir)) {
        Files.createDirectory(
            dir,
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      }
      return dir;
    } catch (IOException e) {
      throw BootyException.failure("cannot create " + dir + ": " + e.getMessage());
    }
  }
}
