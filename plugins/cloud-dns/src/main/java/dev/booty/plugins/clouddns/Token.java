package dev.booty.plugins.clouddns;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;

/**
 * The bearer token and where it came from. Read only when calls are made (never when planning), and
 * only {@link #source()} is ever shown: in errors, so a person knows which token to renew.
 *
 * @param source {@code env CLOUDFLARE_API_TOKEN} or {@code file /path}
 */
record Token(String value, String source) {

  /** From the file of option {@code credentials}, else the env var of option {@code tokenEnv}. */
  static Token from(Map<String, String> options, Function<String, String> env, Service service) {
    String file = options.get("credentials");
    if (file != null && !file.isBlank()) {
      Path path = Path.of(file);
      String source = "file " + path;
      try {
        String value = Files.readString(path).strip();
        if (value.isEmpty()) {
          throw new IllegalStateException(
              service.id()
                  + ": the credentials file "
                  + path
                  + " (dns option credentials) is empty");
        }
        return new Token(value, source);
      } catch (IOException e) {
        throw new IllegalStateException(
            service.id()
                + ": cannot read the "
                + service.token()
                + " from "
                + path
                + " (dns option credentials): "
                + e.getClass().getSimpleName(),
            e);
      }
    }
    String name = options.getOrDefault("tokenEnv", service.tokenEnv());
    String value = env.apply(name);
    if (value == null || value.isBlank()) {
      throw new IllegalStateException(
          service.id()
              + ": no "
              + service.token()
              + ": set the environment variable "
              + name
              + " (dns option tokenEnv) or name a file in dns option credentials");
    }
    return new Token(value.strip(), "env " + name);
  }

  @Override
  public String toString() {
    return "Token[" + source + "]";
  }
}
