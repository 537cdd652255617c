package dev.booty.core.plugin.remote;

import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import javax.net.ssl.X509TrustManager;

/**
 * Trusts exactly one certificate: the leaf booty issued to a plugin for this start. A plugin's
 * server that presents anything else (another plugin's leaf, another start's) is refused.
 */
final class PinnedTrust implements X509TrustManager {
  private final String pluginId;
  private final byte[] expected;

  PinnedTrust(String pluginId, byte[] expected) {
    this.pluginId = pluginId;
    this.expected = expected.clone();
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType)
      throws CertificateException {
    if (chain == null || chain.length == 0 || !Arrays.equals(chain[0].getEncoded(), expected)) {
      throw new CertificateException(
          "plugin " + pluginId + " presented another certificate than booty issued for it");
    }
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType)
      throws CertificateException {
    throw new CertificateException("booty's plugin channel is a client only");
  }

  @Override
  public X509Certificate[] getAcceptedIssuers() {
    return new X509Certificate[0];
  }
}
