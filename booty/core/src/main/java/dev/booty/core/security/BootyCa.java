package dev.booty.core.security;

import dev.booty.api.StackHttp;
import dev.booty.api.StackSecurity.IssuedCertificate;
import dev.booty.core.BootyException;
import dev.booty.core.util.FileTrees;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * booty's own certificate authority, made at the first {@code booty up} and kept in the home
 * ({@code security/ca.pem}, {@code security/ca-key.pem}, mode 600). It signs every certificate of
 * the control plane: Nomad's and Consul's servers and agents, booty's client certificate, NATS
 * servers that ask for TLS, and Caddy's HTTPS. ECDSA P-256 keys, PKCS#8 PEM (what Go, Java and
 * Caddy all read).
 */
public final class BootyCa {
  /**
   * A leaf lives a year; {@code booty up} issues the stack's again when one is half-way through.
   */
  public static final Duration LEAF_VALIDITY = Duration.ofDays(365);

  private static final Duration CA_VALIDITY = Duration.ofDays(3650);
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Path certificateFile;
  private final X509Certificate certificate;
  private final PrivateKey key;

  private BootyCa(Path certificateFile, X509Certificate certificate, PrivateKey key) {
    this.certificateFile = certificateFile;
    this.certificate = certificate;
    this.key = key;
  }

  /** The CA in {@code dir}, made there first when there is none. */
  public static BootyCa loadOrCreate(Path dir) {
    Path cert = dir.resolve("ca.pem");
    Path keyFile = dir.resolve("ca-key.pem");
    try {
      if (Files.exists(cert) != Files.exists(keyFile)) {
        throw BootyException.failure(
            "booty's CA in "
                + dir
                + " is half there ("
                + (Files.exists(cert) ? "ca-key.pem" : "ca.pem")
                + " is missing); restore it from a backup, or move "
                + dir
                + " aside to make a new CA (every certificate it signed must then be issued again)");
      }
      if (!Files.exists(cert)) {
        create(dir, cert, keyFile);
      }
      return new BootyCa(cert, readCertificate(cert), StackHttp.privateKey(keyFile));
    } catch (IOException | GeneralSecurityException e) {
      throw BootyException.failure("cannot load booty's CA from " + dir + ": " + e.getMessage());
    }
  }

  public Path certificateFile() {
    return certificateFile;
  }

  public X509Certificate certificate() {
    return certificate;
  }

  /**
   * Issues a certificate for {@code commonName} into {@code dir} as {@code NAME.pem} and {@code
   * NAME-key.pem} (mode 600). {@code names} are DNS names or IP addresses (subject alternative
   * names); the certificate serves both as server and as client.
   */
  public IssuedCertificate issue(String name, String commonName, List<String> names, Path dir) {
    return issue(name, commonName, names, dir, LEAF_VALIDITY);
  }

  /** {@link #issue(String, String, List, Path)} with a leaf valid for {@code validity} from now. */
  public IssuedCertificate issue(
      String name, String commonName, List<String> names, Path dir, Duration validity) {
    try {
      KeyPair pair = newKeyPair();
      Instant now = Instant.now();
      X509v3CertificateBuilder b =
          new JcaX509v3CertificateBuilder(
              certificate,
              serial(),
              Date.from(now.minus(Duration.ofMinutes(5))),
              Date.from(now.plus(validity)),
              new X500Name("CN=" + commonName + ",O=booty"),
              pair.getPublic());
      JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
      b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
      b.addExtension(
          Extension.keyUsage,
          true,
          new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
      b.addExtension(
          Extension.extendedKeyUsage,
          false,
          new ExtendedKeyUsage(
              new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}));
      b.addExtension(
          Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(pair.getPublic()));
      b.addExtension(
          Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(certificate));
      if (!names.isEmpty()) {
        List<GeneralName> sans = new ArrayList<>();
        for (String n : names) {
          sans.add(
              isAddress(n)
                  ? new GeneralName(GeneralName.iPAddress, n)
                  : new GeneralName(GeneralName.dNSName, n));
        }
        b.addExtension(
            Extension.subjectAlternativeName,
            false,
            new GeneralNames(sans.toArray(GeneralName[]::new)));
      }
      X509Certificate leaf = new JcaX509CertificateConverter().getCertificate(b.build(signer(key)));
      Files.createDirectories(dir);
      Path certFile = dir.resolve(name + ".pem");
      Path keyFile = dir.resolve(name + "-key.pem");
      FileTrees.writeAtomically(
          keyFile, pem(new JcaPKCS8Generator(pair.getPrivate(), null).generate()), true);
      FileTrees.writeAtomically(certFile, pem(leaf), true);
      return new IssuedCertificate(certFile, keyFile, certificateFile);
    } catch (IOException | GeneralSecurityException | OperatorCreationException e) {
      throw BootyException.failure(
          "cannot issue a certificate for " + commonName + " into " + dir + ": " + e.getMessage());
    }
  }

  /** Whether {@code file} holds a certificate this CA signed that is valid for {@code atLeast}. */
  public boolean signed(Path file, Duration atLeast) {
    try {
      X509Certificate c = readCertificate(file);
      c.verify(certificate.getPublicKey());
      return c.getNotAfter().toInstant().isAfter(Instant.now().plus(atLeast));
    } catch (IOException | GeneralSecurityException | RuntimeException e) {
      return false;
    }
  }

  /** The subject alternative names of the certificate in {@code file}; empty when unreadable. */
  public java.util.Set<String> names(Path file) {
    try {
      java.util.Set<String> out = new java.util.HashSet<>();
      var sans = readCertificate(file).getSubjectAlternativeNames();
      if (sans != null) {
        for (List<?> san : sans) {
          out.add(String.valueOf(san.get(1)));
        }
      }
      return out;
    } catch (IOException | GeneralSecurityException e) {
      return java.util.Set.of();
    }
  }

  /**
   * The base64 SHA-256 of the public key (its DER SubjectPublicKeyInfo) of the certificate in
   * {@code file}: how Chromium's {@code --ignore-certificate-errors-spki-list} names a server's
   * key, which booty's test and bench browsers use to accept the front door without a trust-store
   * change.
   */
  public static String spkiSha256(Path file) {
    try {
      byte[] spki = readCertificate(file).getPublicKey().getEncoded();
      return java.util.Base64.getEncoder()
          .encodeToString(java.security.MessageDigest.getInstance("SHA-256").digest(spki));
    } catch (IOException | GeneralSecurityException e) {
      throw BootyException.failure("cannot read the certificate " + file + ": " + e.getMessage());
    }
  }

  private static void create(Path dir, Path cert, Path keyFile)
      throws IOException, GeneralSecurityException {
    try {
      KeyPair pair = newKeyPair();
      Instant now = Instant.now();
      X500Name subject =
          new X500Name("CN=booty CA " + now.toString().substring(0, 10) + ",O=booty");
      X509v3CertificateBuilder b =
          new JcaX509v3CertificateBuilder(
              subject,
              serial(),
              Date.from(now.minus(Duration.ofMinutes(5))),
              Date.from(now.plus(CA_VALIDITY)),
              subject,
              pair.getPublic());
      JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
      b.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
      b.addExtension(
          Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
      b.addExtension(
          Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(pair.getPublic()));
      X509Certificate ca =
          new JcaX509CertificateConverter().getCertificate(b.build(signer(pair.getPrivate())));
      Files.createDirectories(dir);
      FileTrees.writeAtomically(
          keyFile, pem(new JcaPKCS8Generator(pair.getPrivate(), null).generate()), true);
      FileTrees.writeAtomically(cert, pem(ca), true);
    } catch (OperatorCreationException e) {
      throw new GeneralSecurityException(e.getMessage(), e);
    }
  }

  private static KeyPair newKeyPair() throws GeneralSecurityException {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
    return g.generateKeyPair();
  }

  private static ContentSigner signer(PrivateKey key) throws OperatorCreationException {
    return new JcaContentSignerBuilder("SHA256withECDSA").build(key);
  }

  private static BigInteger serial() {
    return new BigInteger(127, RANDOM).add(BigInteger.ONE);
  }

  private static String pem(Object o) throws IOException {
    StringWriter out = new StringWriter();
    try (JcaPEMWriter w = new JcaPEMWriter(out)) {
      w.writeObject(o);
    }
    return out.toString();
  }

  private static X509Certificate readCertificate(Path file)
      throws IOException, GeneralSecurityException {
    try (InputStream in = Files.newInputStream(file)) {
      return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
    }
  }

  /** An IPv4 or IPv6 literal (a DNS name never holds ':' and never ends in a digit-only label). */
  static boolean isAddress(String s) {
    return s.matches("(\\d{1,3}\\.){3}\\d{1,3}")
        || (s.contains(":") && s.matches("[0-9a-fA-F:.]+"));
  }
}
