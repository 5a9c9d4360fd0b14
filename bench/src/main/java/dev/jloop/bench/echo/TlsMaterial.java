package dev.jloop.bench.echo;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A throw-away self-signed certificate for {@code localhost} in a PKCS#12 key store, made with
 * the JDK's {@code keytool}: the TLS server presents it and the load generator trusts exactly it.
 *
 * @param keystore the PKCS#12 file
 * @param password its password (a benchmark secret, not a real one)
 */
record TlsMaterial(Path keystore, String password) {
  /** Creates the key store in {@code dir} with the {@code keytool} beside {@code java}. */
  static TlsMaterial create(Path dir, String java) throws IOException {
    Path keytool = Path.of(java).resolveSibling("keytool");
    Path ks = dir.resolve("echo-tls.p12");
    Files.deleteIfExists(ks);
    String password = "echo-bench";
    Process p = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", "echo",
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
    return new TlsMaterial(ks, password);
  }

  /** A client context that trusts only the certificate in {@code keystore}. */
  static SSLContext clientContext(Path keystore, String password)
      throws IOException, GeneralSecurityException {
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(keystore)) {
      ks.load(in, password.toCharArray());
    }
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(ks);
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(null, tmf.getTrustManagers(), null);
    return ctx;
  }
}
