package dev.jloop.reference.tls;

import java.io.IOException;
import java.io.Writer;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Test certificates, made when the tests run (never committed), with BouncyCastle: a CA, a
 * server certificate for localhost/127.0.0.1/::1, an expired one, one for another host, one
 * from a CA nobody trusts, and a client certificate. Each is also written as PEM into a
 * temporary directory for the openssl and Python peers. One set per JVM.
 */
final class TestPki {
  private static final char[] PASSWORD = "changeit".toCharArray();
  private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());
  private static TestPki instance;

  /** A key with its certificate chain (leaf first) and PEM files. */
  record Identity(PrivateKey key, X509Certificate[] chain, Path certPem, Path keyPem) {}

  final Path dir;
  final X509Certificate ca;
  final Path caPem;
  final Identity server;
  final Identity expired;
  final Identity wrongHost;
  final Identity untrusted;
  final Identity client;
  private final KeyPair caKeys;

  static synchronized TestPki get() {
    if (instance == null) {
      try {
        instance = new TestPki();
      } catch (Exception e) {
        throw new IllegalStateException("could not make the test certificates", e);
      }
    }
    return instance;
  }

  private TestPki() throws Exception {
    dir = Files.createTempDirectory("jloop-tls-pki");
    dir.toFile().deleteOnExit();
    caKeys = keys();
    Instant now = Instant.now();
    ca = sign(caKeys, "CN=jloop test CA", caKeys, "CN=jloop test CA", now.minus(Duration.ofDays(1)),
        now.plus(Duration.ofDays(30)), true, null, null);
    caPem = pem("ca.pem", ca);
    server = leaf("server", "CN=localhost", now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(30)),
        KeyPurposeId.id_kp_serverAuth, names("localhost", "127.0.0.1", "::1"), caKeys, ca);
    expired = leaf("expired", "CN=localhost", now.minus(Duration.ofDays(30)), now.minus(Duration.ofDays(1)),
        KeyPurposeId.id_kp_serverAuth, names("localhost", "127.0.0.1", "::1"), caKeys, ca);
    wrongHost = leaf("wronghost", "CN=wrong.example", now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(30)),
        KeyPurposeId.id_kp_serverAuth, names("wrong.example"), caKeys, ca);
    KeyPair otherCa = keys();
    X509Certificate other = sign(otherCa, "CN=untrusted CA", otherCa, "CN=untrusted CA",
        now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(30)), true, null, null);
    untrusted = leaf("untrusted", "CN=localhost", now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(30)),
        KeyPurposeId.id_kp_serverAuth, names("localhost", "127.0.0.1", "::1"), otherCa, other);
    client = leaf("client", "CN=jloop test client", now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(30)),
        KeyPurposeId.id_kp_clientAuth, null, caKeys, ca);
  }

  private static KeyPair keys() throws GeneralSecurityException {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(256);
    return g.generateKeyPair();
  }

  private static GeneralNames names(String... hosts) {
    GeneralName[] out = new GeneralName[hosts.length];
    for (int i = 0; i < hosts.length; i++) {
      boolean ip = Character.isDigit(hosts[i].charAt(0)) || hosts[i].contains(":");
      out[i] = new GeneralName(ip ? GeneralName.iPAddress : GeneralName.dNSName, hosts[i]);
    }
    return new GeneralNames(out);
  }

  private Identity leaf(String name, String subject, Instant from, Instant to, KeyPurposeId purpose,
      GeneralNames sans, KeyPair issuerKeys, X509Certificate issuer) throws Exception {
    KeyPair kp = keys();
    X509Certificate cert = sign(kp, subject, issuerKeys, issuer.getSubjectX500Principal().getName(),
        from, to, false, purpose, sans);
    Path certPem = pem(name + ".pem", cert, issuer);
    Path keyPem = dir.resolve(name + ".key");
    try (Writer w = Files.newBufferedWriter(keyPem); JcaPEMWriter p = new JcaPEMWriter(w)) {
      p.writeObject(new JcaPKCS8Generator(kp.getPrivate(), null));
    }
    return new Identity(kp.getPrivate(), new X509Certificate[] {cert, issuer}, certPem, keyPem);
  }

  private static X509Certificate sign(KeyPair subjectKeys, String subject, KeyPair issuerKeys,
      String issuer, Instant from, Instant to, boolean isCa, KeyPurposeId purpose, GeneralNames sans)
      throws Exception {
    JcaX509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(new X500Name(issuer),
        BigInteger.valueOf(SERIAL.incrementAndGet()), Date.from(from), Date.from(to),
        new X500Name(subject), subjectKeys.getPublic());
    b.addExtension(Extension.basicConstraints, true, new BasicConstraints(isCa));
    if (isCa) {
      b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
    } else {
      b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
      b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purpose));
    }
    if (sans != null) {
      b.addExtension(Extension.subjectAlternativeName, false, sans);
    }
    return new JcaX509CertificateConverter().getCertificate(
        b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKeys.getPrivate())));
  }

  private Path pem(String name, X509Certificate... certs) throws IOException {
    Path p = dir.resolve(name);
    try (Writer w = Files.newBufferedWriter(p); JcaPEMWriter out = new JcaPEMWriter(w)) {
      for (X509Certificate c : certs) {
        out.writeObject(c);
      }
    }
    return p;
  }

  /** A context presenting {@code identity} (or none) and trusting our CA (or nothing extra). */
  SSLContext context(Identity identity, boolean trustCa) {
    try {
      KeyManagerFactory kmf = null;
      if (identity != null) {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry("key", identity.key(), PASSWORD, identity.chain());
        kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, PASSWORD);
      }
      TrustManagerFactory tmf = null;
      if (trustCa) {
        KeyStore ts = KeyStore.getInstance("PKCS12");
        ts.load(null, null);
        ts.setCertificateEntry("ca", ca);
        tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ts);
      }
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(kmf == null ? null : kmf.getKeyManagers(), tmf == null ? null : tmf.getTrustManagers(), null);
      return ctx;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** A server context with the good certificate, trusting our CA for client certificates. */
  SSLContext serverContext() {
    return context(server, true);
  }

  /** A client context trusting our CA, without a client certificate. */
  SSLContext clientContext() {
    return context(null, true);
  }
}
