package dev.jloop.bench.echo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** The throw-away TLS material: the PEM pair is the key store's certificate and key. */
@EnabledOnOs(OS.LINUX)
class TlsMaterialTest {
  @TempDir
  static Path dir;
  private static TlsMaterial tls;
  private static KeyStore store;

  @BeforeAll
  static void create() throws Exception {
    tls = TlsMaterial.create(dir, EchoHarness.javaCommand());
    store = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(tls.keystore())) {
      store.load(in, tls.password().toCharArray());
    }
  }

  @Test
  void thePemCertificateIsTheKeyStoresCertificate() throws Exception {
    String pem = Files.readString(tls.cert());
    assertTrue(pem.startsWith("-----BEGIN CERTIFICATE-----\n") && pem.endsWith(
        "-----END CERTIFICATE-----\n"), pem);
    try (InputStream in = Files.newInputStream(tls.cert())) {
      assertEquals(store.getCertificate("echo"),
          CertificateFactory.getInstance("X.509").generateCertificate(in));
    }
  }

  @Test
  void thePemKeyIsTheKeyStoresKeyAndOnlyItsOwnerReadsIt() throws Exception {
    String pem = Files.readString(tls.key());
    assertTrue(pem.startsWith("-----BEGIN PRIVATE KEY-----\n"), "PKCS#8, unencrypted");
    String body = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
    PrivateKey key = KeyFactory.getInstance("EC").generatePrivate(
        new PKCS8EncodedKeySpec(Base64.getDecoder().decode(body)));
    assertEquals(store.getKey("echo", tls.password().toCharArray()), key);
    assertEquals(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE),
        Files.getPosixFilePermissions(tls.key()));
  }

  /** What echo_server.py --mode tls does with the pair: ssl.SSLContext.load_cert_chain. */
  @Test
  void pythonsSslModuleLoadsThePair() throws Exception {
    PythonInfo python = PythonInfo.probe("python3", false);
    assumeTrue(python.skip() == null, "skipped: " + python.skip());
    Process p = new ProcessBuilder(python.executable(), "-c", "import ssl, sys\n"
        + "ssl.create_default_context(ssl.Purpose.CLIENT_AUTH).load_cert_chain(sys.argv[1], sys.argv[2])\n"
        + "print('loaded')", tls.cert().toString(), tls.key().toString())
        .redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes()).trim();
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    assertEquals("loaded", out);
  }
}
