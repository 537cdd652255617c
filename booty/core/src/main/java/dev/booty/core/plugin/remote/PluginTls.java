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
import java.util.List;
import java.util.UUID;

/**
 * Certificates for executable plugins, from a CA that signs nothing else ({@code
 * HOME/security/plugins}): booty's own leaf (once per booty process, for its Host server and its
 * channels to plugins) and, per start, the plugin's leaf in a fresh 0700 folder the plugin reads
 * once; booty deletes that folder after the handshake.
 */
final class PluginTls {
  private final BootyCa ca;
  private final Path runtime;
  private final Path bootyDir;

  private PluginTls(BootyCa ca, Path runtime, Path bootyDir) {
    this.ca = ca;
    this.runtime = runtime;
    this.bootyDir = bootyDir;
  }

  /** The plugin CA of a home, with booty's leaf for this process issued. */
  static PluginTls forHome(BootyHome home) {
    BootyCa ca = BootyCa.loadOrCreate(home.pluginCa());
    Path runtime = home.pluginRuntime();
    Path bootyDir = privateDir(runtime.resolve("booty-" + ProcessHandle.current().pid()));
    ca.issue("booty", "booty", List.of("localhost", "127.0.0.1"), bootyDir);
    return new PluginTls(ca, runtime, bootyDir);
  }

  Path caCertificate() {
    return ca.certificateFile();
  }

  Path bootyCertificate() {
    return bootyDir.resolve("booty.pem");
  }

  Path bootyKey() {
    return bootyDir.resolve("booty-key.pem");
  }

  /**
   * A start's folder for plugin {@code id}: {@code plugin.pem}, {@code plugin-key.pem}, {@code
   * ca.pem}, {@code booty.pem}.
   */
  Path issueForStart(String id) {
    Path dir = privateDir(runtime.resolve(id + "-" + UUID.randomUUID()));
    ca.issue("plugin", id, List.of("localhost", "127.0.0.1"), dir);
    try {
      Files.copy(ca.certificateFile(), dir.resolve("ca.pem"), StandardCopyOption.REPLACE_EXISTING);
      Files.copy(bootyCertificate(), dir.resolve("booty.pem"), StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw BootyException.failure(
          "cannot write plugin " + id + "'s TLS files into " + dir + ": " + e.getMessage());
    }
    return dir;
  }

  /** Removes booty's leaf for this process (the next use issues a new one). */
  void close() {
    delete(bootyDir);
  }

  /** The DER of a PEM certificate file. */
  static byte[] der(Path pem) {
    try (InputStream in = Files.newInputStream(pem)) {
      return CertificateFactory.getInstance("X.509").generateCertificate(in).getEncoded();
    } catch (IOException | GeneralSecurityException e) {
      throw BootyException.failure("cannot read the certificate " + pem + ": " + e.getMessage());
    }
  }

  /** Removes a start's folder (the keys were that start's one-time secret). */
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
