package dev.booty.plugins.ssh;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.client.channel.ClientChannelEvent;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.keyprovider.FileKeyPairProvider;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.client.SftpClientFactory;

/**
 * One logged-in SSH session to a host (Apache MINA SSHD): commands with their exit code and output,
 * and files uploaded over SFTP and verified by checksum on arrival. Every failure is an {@link
 * SshHostException} naming the host and the cause.
 */
final class SshConnection implements AutoCloseable {

  /** A command's outcome. */
  record Result(int exitCode, String stdout, String stderr) {
    boolean ok() {
      return exitCode == 0;
    }
  }

  private final SshHostSpec host;
  private final SshClient client;
  private final ClientSession session;
  private SftpClient sftp;

  private SshConnection(SshHostSpec host, SshClient client, ClientSession session) {
    this.host = host;
    this.client = client;
    this.session = session;
  }

  /**
   * Connects and logs in with the host's key file, trusting its host key only as {@code knownHosts}
   * allows; {@code timeout} bounds the connection and the login each.
   */
  static SshConnection connect(SshHostSpec host, KnownHosts knownHosts, Duration timeout) {
    KeyPair identity = loadKey(host);
    KnownHosts.Verifier verifier = knownHosts.verifier(host);
    SshClient client = SshClient.setUpDefaultClient();
    client.setServerKeyVerifier(verifier);
    client.start();
    ClientSession session = null;
    try {
      try {
        session =
            client.connect(host.user(), host.address(), host.port()).verify(timeout).getSession();
      } catch (IOException e) {
        throw new SshHostException(host, "unreachable: " + reason(e, timeout), e);
      }
      session.addPublicKeyIdentity(identity);
      try {
        session.auth().verify(timeout);
      } catch (IOException e) {
        if (verifier.refusal().isPresent()) {
          throw new SshHostException(host, verifier.refusal().get(), e);
        }
        if (!session.isOpen() && !session.isAuthenticated() && isTimeout(e)) {
          throw new SshHostException(host, "no login within " + seconds(timeout), e);
        }
        throw new SshHostException(
            host,
            "login as "
                + host.user()
                + " with key "
                + host.key()
                + " refused ("
                + rootMessage(e)
                + ")",
            e);
      }
      return new SshConnection(host, client, session);
    } catch (RuntimeException e) {
      closeQuietly(session);
      client.stop();
      throw e;
    }
  }

  SshHostSpec host() {
    return host;
  }

  /** Runs a command (through the login shell of the host's user), its output as UTF-8. */
  Result exec(String command, Duration timeout) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    try (ChannelExec channel = session.createExecChannel(command)) {
      channel.setOut(out);
      channel.setErr(err);
      channel.open().verify(timeout);
      Set<ClientChannelEvent> events =
          channel.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), timeout.toMillis());
      if (events.contains(ClientChannelEvent.TIMEOUT)) {
        throw new SshHostException(
            host, "command did not finish within " + seconds(timeout) + ": " + command);
      }
      Integer status = channel.getExitStatus();
      return new Result(
          status == null ? -1 : status,
          out.toString(StandardCharsets.UTF_8),
          err.toString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new SshHostException(host, "command failed: " + command + ": " + rootMessage(e), e);
    }
  }

  /** Runs a command that must succeed; its standard output. */
  String check(String command, Duration timeout) {
    Result r = exec(command, timeout);
    if (!r.ok()) {
      throw new SshHostException(
          host,
          "'"
              + command
              + "' exited with "
              + r.exitCode()
              + (r.stderr().isBlank() ? "" : ": " + r.stderr().strip()));
    }
    return r.stdout();
  }

  /**
   * The SHA-256 of a remote file (hex), empty when there is no regular file there.
   *
   * @throws SshHostException when the host has no {@code sha256sum}
   */
  String sha256(String remotePath) {
    Result r =
        exec(
            "if [ -f "
                + quote(remotePath)
                + " ]; then sha256sum "
                + quote(remotePath)
                + "; else echo none; fi",
            Duration.ofMinutes(2));
    if (!r.ok()) {
      throw new SshHostException(host, "cannot checksum " + remotePath + ": " + r.stderr().strip());
    }
    String first = r.stdout().strip().split("\\s+")[0];
    return first.equals("none") ? "" : first;
  }

  /**
   * The SHA-256 (hex) of each remote path that is a regular file, in one command; paths without a
   * file are left out.
   */
  java.util.Map<String, String> sha256(List<String> remotePaths) {
    java.util.Map<String, String> sums = new java.util.HashMap<>();
    if (remotePaths.isEmpty()) {
      return sums;
    }
    StringBuilder command = new StringBuilder("for f in");
    remotePaths.forEach(p -> command.append(' ').append(quote(p)));
    command.append("; do if [ -f \"$f\" ]; then sha256sum \"$f\"; fi; done; true");
    Result r = exec(command.toString(), Duration.ofMinutes(5));
    if (!r.ok()) {
      throw new SshHostException(host, "cannot checksum its files: " + r.stderr().strip());
    }
    for (String line : r.stdout().split("\n")) {
      int gap = line.indexOf("  ");
      if (gap > 0) {
        sums.put(line.substring(gap + 2), line.substring(0, gap));
      }
    }
    return sums;
  }

  /** Uploads a local file; see {@link #upload(Upload, String, int, String)}. */
  void upload(Path local, String remotePath, int mode) {
    upload(() -> Files.newInputStream(local), remotePath, mode, sha256(local));
  }

  /** Uploads bytes (a small generated file); see {@link #upload(Upload, String, int, String)}. */
  void upload(byte[] content, String remotePath, int mode) {
    upload(() -> new java.io.ByteArrayInputStream(content), remotePath, mode, sha256(content));
  }

  /** Something to upload, opened once. */
  interface Upload {
    InputStream open() throws IOException;
  }

  /**
   * Writes the content to {@code remotePath} over SFTP with {@code mode} (e.g. {@code 0755}), then
   * checks the host's {@code sha256sum} of it against {@code sha256}; on a mismatch the bad file is
   * removed and the error names host and file.
   */
  void upload(Upload content, String remotePath, int mode, String sha256) {
    try {
      SftpClient files = sftp();
      try (InputStream in = content.open();
          OutputStream out =
              files.write(
                  remotePath,
                  SftpClient.OpenMode.Write,
                  SftpClient.OpenMode.Create,
                  SftpClient.OpenMode.Truncate)) {
        in.transferTo(out);
      }
      files.setStat(remotePath, new SftpClient.Attributes().perms(mode));
    } catch (IOException e) {
      throw new SshHostException(host, "cannot upload " + remotePath + ": " + rootMessage(e), e);
    }
    String arrived = sha256(remotePath);
    if (!arrived.equals(sha256)) {
      exec("rm -f " + quote(remotePath), Duration.ofSeconds(30));
      throw new SshHostException(
          host,
          remotePath
              + " arrived with SHA-256 "
              + (arrived.isEmpty() ? "(no file)" : arrived)
              + ", expected "
              + sha256
              + "; removed it");
    }
  }

  /** Local files' checksums by path, size and modification time: hosts share them. */
  private static final java.util.concurrent.ConcurrentMap<String, String> LOCAL_SUMS =
      new java.util.concurrent.ConcurrentHashMap<>();

  /** A local file's SHA-256 (hex), computed once while the file keeps its size and time. */
  static String sha256(Path local) {
    String key;
    try {
      key =
          local.toAbsolutePath()
              + "|"
              + Files.size(local)
              + "|"
              + Files.getLastModifiedTime(local).toMillis();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException("cannot read " + local, e);
    }
    return LOCAL_SUMS.computeIfAbsent(key, k -> digest(local));
  }

  private static String digest(Path local) {
    try (InputStream in = Files.newInputStream(local)) {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      byte[] buffer = new byte[64 * 1024];
      for (int n; (n = in.read(buffer)) > 0; ) {
        digest.update(buffer, 0, n);
      }
      return HexFormat.of().formatHex(digest.digest());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException("cannot read " + local, e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static String sha256(byte[] content) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A word for a POSIX shell: single-quoted, inner quotes escaped. */
  static String quote(String word) {
    return "'" + word.replace("'", "'\\''") + "'";
  }

  @Override
  public void close() {
    if (sftp != null) {
      try {
        sftp.close();
      } catch (IOException ignored) {
        // the session goes next anyway
      }
    }
    closeQuietly(session);
    client.stop();
  }

  private SftpClient sftp() throws IOException {
    if (sftp == null) {
      sftp = SftpClientFactory.instance().createSftpClient(session);
    }
    return sftp;
  }

  private static KeyPair loadKey(SshHostSpec host) {
    try {
      for (KeyPair pair : new FileKeyPairProvider(host.key()).loadKeys(null)) {
        return pair;
      }
    } catch (RuntimeException e) {
      throw new SshHostException(host, "cannot read key " + host.key() + ": " + rootMessage(e), e);
    }
    throw new SshHostException(host, "no private key in " + host.key());
  }

  private static String reason(Throwable e, Duration timeout) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof ConnectException && String.valueOf(t.getMessage()).contains("refused")) {
        return "connection refused";
      }
      if (t instanceof NoRouteToHostException) {
        return "no route to host";
      }
      if (t instanceof UnknownHostException) {
        return "unknown host name";
      }
      if (t instanceof SocketTimeoutException) {
        return "timed out after " + seconds(timeout);
      }
    }
    if (isTimeout(e)) {
      return "timed out after " + seconds(timeout);
    }
    return rootMessage(e);
  }

  private static boolean isTimeout(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      String m = String.valueOf(t.getMessage()).toLowerCase(java.util.Locale.ROOT);
      if (t instanceof SocketTimeoutException
          || t instanceof java.util.concurrent.TimeoutException
          || m.contains("timeout")
          || m.contains("timed out")) {
        return true;
      }
    }
    return false;
  }

  static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
  }

  private static String seconds(Duration d) {
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
  }

  private static void closeQuietly(ClientSession session) {
    if (session != null) {
      try {
        session.close();
      } catch (IOException ignored) {
        // closing what failed
      }
    }
  }
}
