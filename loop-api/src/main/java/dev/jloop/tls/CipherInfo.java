package dev.jloop.tls;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLSession;
import org.apiguardian.api.API;

/**
 * The negotiated cipher: what asyncio's {@code get_extra_info('cipher')} returns as the tuple
 * {@code (name, protocol, secret_bits)}.
 *
 * @param name the cipher suite's standard name, e.g. {@code TLS_AES_256_GCM_SHA384}
 * @param protocol the protocol version, e.g. {@code TLSv1.3}
 * @param secretBits the symmetric key size the suite's name states (AES_128: 128, AES_256 and
 *     CHACHA20: 256), or -1 when the name states none
 */
@API(status = API.Status.STABLE, since = "0.1")
public record CipherInfo(String name, String protocol, int secretBits) {
  private static final Pattern BITS = Pattern.compile("_(?:AES|CAMELLIA|ARIA)_(\\d+)_");

  /** The cipher of an established session. */
  public static CipherInfo of(SSLSession session) {
    String suite = session.getCipherSuite();
    int bits = -1;
    Matcher m = BITS.matcher(suite);
    if (m.find()) {
      bits = Integer.parseInt(m.group(1));
    } else if (suite.contains("CHACHA20")) {
      bits = 256;
    }
    return new CipherInfo(suite, session.getProtocol(), bits);
  }
}
