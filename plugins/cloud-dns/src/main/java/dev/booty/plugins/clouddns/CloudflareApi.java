package dev.booty.plugins.clouddns;

import dev.booty.api.PluginContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Cloudflare's API v4: answers wrapped in {@code {success, errors, result}}, so a call returns the
 * {@code result} and an answer saying {@code "success": false} fails even with a 2xx status.
 */
final class CloudflareApi extends ApiClient {
  static final Service SERVICE =
      new Service(
          "cloudflare",
          "API token",
          "CLOUDFLARE_API_TOKEN",
          "https://api.cloudflare.com/client/v4");

  CloudflareApi(String endpoint, Token token, PluginContext ctx) {
    super(SERVICE, endpoint, token, ctx);
  }

  @Override
  boolean succeeded(Object body) {
    return !(body instanceof Map<?, ?> m) || !Boolean.FALSE.equals(m.get("success"));
  }

  @Override
  Object result(Object body) {
    return body instanceof Map<?, ?> m ? m.get("result") : null;
  }

  /** Cloudflare's {@code errors[].message} (with codes), or nothing when it gave none. */
  @Override
  String message(Object body) {
    List<String> messages = new ArrayList<>();
    for (Object error : Json.array(body, "errors")) {
      String text = Json.string(error, "message");
      if (text != null) {
        Object code = error instanceof Map<?, ?> m ? m.get("code") : null;
        messages.add(code == null ? text : text + " (code " + code + ")");
      }
    }
    return messages.isEmpty() ? "" : ": Cloudflare says: " + String.join("; ", messages);
  }
}
