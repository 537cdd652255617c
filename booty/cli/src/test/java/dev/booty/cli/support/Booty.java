package dev.booty.cli.support;

import dev.booty.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** Runs booty commands in-process against one booty home and manifest. */
public final class Booty {
  private final Map<String, String> env = new HashMap<>(System.getenv());

  public Booty(Path home, Path manifest) {
    env.put("BOOTY_HOME", home.toString());
    if (manifest != null) {
      env.put("BOOTY_MANIFEST", manifest.toString());
    } else {
      env.remove("BOOTY_MANIFEST");
    }
    env.remove("BOOTY_RELEASE_MIRROR");
  }

  public Booty env(String key, String value) {
    env.put(key, value);
    return this;
  }

  /** The outcome of one command. */
  public record Run(int exitCode, String out, String err) {
    @Override
    public String toString() {
      return "exit " + exitCode + "\n--- out\n" + out + "--- err\n" + err;
    }
  }

  public Run run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code;
    try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      code = Main.run(o, e, env, args);
    }
    return new Run(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }
}
