package dev.booty.plugins.googledns;

/** One API call of a plan: what it does to the record set of {@code key} (its key in the state). */
record Call(Kind kind, String method, String path, String body, String key) {

  enum Kind {
    CREATE,
    UPDATE,
    DELETE
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
