package dev.booty.plugins.clouddns;

import dev.booty.api.PluginContext;

/**
 * Google Cloud DNS API v1: an OAuth access token (it lasts about an hour), errors as {@code
 * {"error": {code, message, status}}}, a call returns the whole answer.
 */
final class CloudDnsApi extends ApiClient {
  static final Service SERVICE =
      new Service(
          "google-dns",
          "access token",
          "GOOGLE_OAUTH_ACCESS_TOKEN",
          "https://dns.googleapis.com/dns/v1");

  CloudDnsApi(String endpoint, Token token, PluginContext ctx) {
    super(SERVICE, endpoint, token, ctx);
  }

  @Override
  String renewal() {
    return " (access tokens last about an hour: gcloud auth print-access-token gives a new one)";
  }

  /** Google's {@code error.message} (with its status), or nothing when it gave none. */
  @Override
  String message(Object body) {
    Object error = Json.object(body, "error");
    String text = Json.string(error, "message");
    if (text == null) {
      return "";
    }
    String status = Json.string(error, "status");
    return ": Google says: " + text + (status == null ? "" : " (" + status + ")");
  }
}
