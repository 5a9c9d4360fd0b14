package dev.jloop.bench.echo;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A throw-away self-signed certificate for {@code localhost} in a PKCS#12 key store, made with
 * the JDK's {@code keytool}: the TLS server presents it and the load generator trusts exactly it.
 * The same certificate and key are also written as PEM files, for the Python servers
 * ({@code ssl.SSLContext.load_cert_chain(cert, key)}).
 *
 * @param keystore the PKCS#12 file (JVM servers)
 * @param password its password (a benchmark secret, not a real one)
 * @param cert the certificate, PEM ({@code CERTIFICATE})
 * @param key the private key, unencrypted PKCS#8 PEM ({@code PRIVATE KEY}), readable by the
 *     owner only
 */
record TlsMaterial(Path keystore, String password, Path cert, Path key) {
  private static final String ALIAS = "echo";

  /**
   * Creates the key store in {@code dir} with the {@code keytool} beside {@code java}, and the
   * PEM pair beside it.
   */
  static TlsMaterial create(Path dir, String java) throws IOException {
    Path keytool = Path.of(java).resolveSibling("keytool");
    Path ks = dir.resolve("echo-tls.p12");
    Files.deleteIfExists(ks);
    String password = "echo-bench";
    Process p = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", ALIAS,
        "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=localhost", "-validity", "7",
        "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-storetype", "PKCS12", "-keystore", ks.toString(),
        "-storepass", password, "-keypass", password).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes()).trim();
    try {
      if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0 || !Files.exists(ks)) {
        throw new IOException("keytool failed: " + out);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while keytool ran", e);
    }
    return withPem(ks, password, dir.resolve("echo-tls-cert.pem"), dir.resolve("echo-tls-key.pem"));
  }

  /** Exports the key store's certificate and key as PEM files. */
  private static TlsMaterial withPem(Path ks, String password, Path cert, Path key)
      throws IOException {
    try {
      KeyStore store = load(ks, password);
      Certificate c = store.getCertificate(ALIAS);
      Key k = store.getKey(ALIAS, password.toCharArray());
      if (c == null || k == null || !"PKCS#8".equals(k.getFormat())) {
        throw new IOException(ks + " holds no PKCS#8 key and certificate under alias " + ALIAS);
      }
      Files.writeString(cert, pem("CERTIFICATE", c.getEncoded()));
      Files.deleteIfExists(key);
      Files.createFile(key, PosixFilePermissions.asFileAttribute(
          PosixFilePermissions.fromString("rw-------")));
      Files.writeString(key, pem("PRIVATE KEY", k.getEncoded()));
    } catch (GeneralSecurityException e) {
      throw new IOException("cannot export " + ks + " as PEM: " + e, e);
    }
    return new TlsMaterial(ks, password, cert, key);
  }

  private static String pem(String type, byte[] der) {
    String body = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der);
    return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
  }

  private static KeyStore load(Path keystore, String password)
      throws IOException, GeneralSecurityException {
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(keystore)) {
      ks.load(in, password.toCharArray());
    }
    return ks;
  }

  /** A client context that trusts only the certificate in {@code keystore}. */
  static SSLContext clientContext(Path keystore, String password)
      throws IOException, GeneralSecurityException {
    KeyStore ks = load(keystore, password);
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(ks);
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(null, tmf.getTrustManagers(), null);
    return ctx;
  }
}
