package dev.booty.api;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * HTTP to the stack's Nomad and Consul, with their credentials when the stack has them: TLS that
 * trusts booty's CA only and shows booty's client certificate, and the ACL token header of each.
 * Without credentials (a stack made before booty secured it) it is plain HTTP without tokens.
 *
 * <p>JDK only, so plugins use it without further dependencies.
 */
public final class StackHttp {
  private final StackSecurity security;
  private final SSLContext ssl;
  private final HttpClient client;

  private StackHttp(StackSecurity security, Duration connectTimeout) {
    this.security = security;
    HttpClient.Builder b = HttpClient.newBuilder().connectTimeout(connectTimeout);
    this.ssl = security == null ? null : sslContext(security);
    if (ssl != null) {
      b.sslContext(ssl);
    }
    this.client = b.build();
  }

  /** TLS with booty's CA and client certificate; empty without credentials. */
  public Optional<SSLContext> ssl() {
    return Optional.ofNullable(ssl);
  }

  /** The trust manager that trusts booty's CA only (for clients that want one apart). */
  public Optional<X509TrustManager> trustManager() {
    if (security == null) {
      return Optional.empty();
    }
    try {
      TrustManagerFactory tmf =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(trustStore(security));
      for (var tm : tmf.getTrustManagers()) {
        if (tm instanceof X509TrustManager x) {
          return Optional.of(x);
        }
      }
      throw new IllegalStateException("no X.509 trust manager");
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException(
          "cannot load booty's CA " + security.caCertificate() + ": " + e.getMessage(), e);
    }
  }

  /** TLS that trusts the CA certificates in {@code caFile} only, showing no certificate. */
  public static SSLContext trusting(Path caFile) {
    try {
      TrustManagerFactory tmf =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(trustStore(caFile));
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(null, tmf.getTrustManagers(), null);
      return ctx;
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("cannot load the CA " + caFile + ": " + e.getMessage(), e);
    }
  }

  private static KeyStore trustStore(StackSecurity s) throws IOException, GeneralSecurityException {
    return trustStore(s.caCertificate());
  }

  private static KeyStore trustStore(Path caFile) throws IOException, GeneralSecurityException {
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    int i = 0;
    for (Certificate c : certificates(caFile)) {
      trust.setCertificateEntry("ca-" + i++, c);
    }
    return trust;
  }

  private static final java.util.Map<Optional<StackSecurity>, StackHttp> SHARED =
      new java.util.concurrent.ConcurrentHashMap<>();

  /** A client for {@code security}'s stack (none: plain HTTP). */
  public static StackHttp of(Optional<StackSecurity> security, Duration connectTimeout) {
    return new StackHttp(security.orElse(null), connectTimeout);
  }

  /** One shared client per set of credentials (3 s connect timeout): clients are not cheap. */
  public static StackHttp of(Optional<StackSecurity> security) {
    return SHARED.computeIfAbsent(security, s -> of(s, Duration.ofSeconds(3)));
  }

  public HttpClient client() {
    return client;
  }

  public Optional<StackSecurity> security() {
    return Optional.ofNullable(security);
  }

  /** A request to Nomad's HTTP API carrying booty's Nomad token. */
  public HttpRequest.Builder nomad(String url) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url));
    if (security != null) {
      b.header("X-Nomad-Token", security.nomadToken());
    }
    return b;
  }

  /** A request to Consul's HTTP API carrying booty's Consul token. */
  public HttpRequest.Builder consul(String url) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url));
    if (security != null) {
      b.header("X-Consul-Token", security.consulToken());
    }
    return b;
  }

  /** TLS trusting booty's CA only, presenting booty's client certificate. */
  public static SSLContext sslContext(StackSecurity s) {
    try {
      TrustManagerFactory tmf =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(trustStore(s));
      char[] none = new char[0];
      KeyStore keys = KeyStore.getInstance("PKCS12");
      keys.load(null, null);
      keys.setKeyEntry(
          "booty",
          privateKey(s.clientKey()),
          none,
          certificates(s.clientCertificate()).toArray(Certificate[]::new));
      KeyManagerFactory kmf =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(keys, none);
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
      return ctx;
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException(
          "cannot load booty's TLS files ("
              + s.caCertificate()
              + ", "
              + s.clientCertificate()
              + "): "
              + e.getMessage(),
          e);
    }
  }

  private static java.util.Collection<? extends Certificate> certificates(Path pem)
      throws IOException, GeneralSecurityException {
    try (InputStream in = Files.newInputStream(pem)) {
      return CertificateFactory.getInstance("X.509").generateCertificates(in);
    }
  }

  /** A PKCS#8 PEM private key (EC or RSA). */
  public static PrivateKey privateKey(Path pem) throws IOException, GeneralSecurityException {
    String text = Files.readString(pem);
    int begin = text.indexOf("-----BEGIN PRIVATE KEY-----");
    int end = text.indexOf("-----END PRIVATE KEY-----");
    if (begin < 0 || end < 0) {
      throw new GeneralSecurityException(pem + " holds no PKCS#8 private key");
    }
    byte[] der =
        Base64.getMimeDecoder()
            .decode(text.substring(begin + "-----BEGIN PRIVATE KEY-----".length(), end));
    PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(der);
    try {
      return KeyFactory.getInstance("EC").generatePrivate(spec);
    } catch (GeneralSecurityException notEc) {
      return KeyFactory.getInstance("RSA").generatePrivate(spec);
    }
  }
}
