package dev.booty.plugins.clouddns;

import java.util.Map;

/**
 * One API call of a plan. Ids not known when planning are written {@code ${key}} (the key of the
 * resource whose creation gives the id: Cloudflare's {@code ${monitor}}, {@code ${pool.london}},
 * {@code ${zone}}, {@code ${account}}) and filled in from the recorded state as publish goes.
 *
 * @param key the resource the call makes, changes or removes (its key in the state)
 */
record Call(Kind kind, String method, String path, String body, String key) {

  enum Kind {
    /** Finds ids the provider gave things publish does not make (Cloudflare's zone, account). */
    LOOKUP,
    CREATE,
    UPDATE,
    DELETE
  }

  /** The call with every {@code ${key}} the ids know replaced. */
  Call resolve(Map<String, String> ids) {
    return new Call(kind, method, fill(path, ids), body == null ? null : fill(body, ids), key);
  }

  private static String fill(String text, Map<String, String> ids) {
    String out = text;
    for (Map.Entry<String, String> id : ids.entrySet()) {
      out = out.replace("${" + id.getKey() + "}", id.getValue());
    }
    return out;
  }

  /** The call as people and logs see it: method, path and body; never a credential. */
  String line() {
    return method + " " + path + (body == null ? "" : " " + body);
  }

  /** Method and path, the way errors name a call. */
  String name() {
    return method + " " + path;
  }
}
