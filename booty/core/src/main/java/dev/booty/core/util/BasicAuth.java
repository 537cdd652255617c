package dev.booty.core.util;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * URLs that carry basic-auth credentials in their user info ({@code http://user:pw@host:port/}), as
 * booty hands VictoriaMetrics' address around: requests send them as an {@code Authorization}
 * header (java.net.http does not), and anything printed shows the URL without them.
 */
public final class BasicAuth {
  private BasicAuth() {}

  /** {@code base} with {@code user:password} as its user info. */
  public static URI with(URI base, String user, String password) {
    try {
      return new URI(
          base.getScheme(),
          user + ":" + password,
          base.getHost(),
          base.getPort(),
          base.getPath(),
          base.getQuery(),
          base.getFragment());
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(base + ": " + e.getMessage(), e);
    }
  }

  /** A request to {@code uri} without its user info, which goes into the header instead. */
  public static HttpRequest.Builder request(URI uri) {
    HttpRequest.Builder b = HttpRequest.newBuilder(hidden(uri));
    String info = uri.getRawUserInfo();
    if (info != null && !info.isEmpty()) {
      b.header(
          "Authorization",
          "Basic "
              + Base64.getEncoder()
                  .encodeToString(
                      java.net.URLDecoder.decode(info, StandardCharsets.UTF_8)
                          .getBytes(StandardCharsets.UTF_8)));
    }
    return b;
  }

  /** {@code uri} without its user info: what may be printed. */
  public static URI hidden(URI uri) {
    if (uri.getRawUserInfo() == null) {
      return uri;
    }
    try {
      return new URI(
          uri.getScheme(),
          null,
          uri.getHost(),
          uri.getPort(),
          uri.getPath(),
          uri.getQuery(),
          uri.getFragment());
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  /** {@link #hidden} for a URL as text. */
  public static String hidden(String url) {
    return url == null ? null : hidden(URI.create(url)).toString();
  }
}
