package dev.booty.core.source;

import dev.booty.core.BootyException;
import dev.booty.core.manifest.ComponentSpec;
import dev.booty.core.util.ProcessRunner;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Runs a binary's version command and checks it names the expected version. */
public final class VersionVerifier {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private VersionVerifier() {}

  /** The first line of the answer that carries the expected text; throws when none does. */
  public static String verify(ComponentSpec spec, String version, Path binary) {
    String expected = spec.versionCheck().expected(version);
    ProcessRunner.Result r = run(spec, binary);
    if (r.timedOut()) {
      throw BootyException.failure(
          spec.name()
              + " "
              + version
              + ": '"
              + binary
              + " "
              + String.join(" ", spec.versionCheck().args())
              + "' did not answer within "
              + TIMEOUT.toSeconds()
              + "s");
    }
    for (String line : r.output().split("\\R")) {
      if (line.contains(expected)) {
        return line.strip();
      }
    }
    throw BootyException.failure(
        spec.name()
            + " "
            + version
            + ": the binary does not answer its version command with '"
            + expected
            + "' (exit "
            + r.exitCode()
            + ", said: "
            + firstLine(r.output())
            + ")");
  }

  /** Runs the version command; for status displays, never throws for a bad answer. */
  public static ProcessRunner.Result run(ComponentSpec spec, Path binary) {
    List<String> cmd = new ArrayList<>();
    cmd.add(binary.toString());
    cmd.addAll(spec.versionCheck().args());
    try {
      return ProcessRunner.run(cmd, binary.getParent(), Map.of(), TIMEOUT, l -> {});
    } catch (IOException e) {
      throw BootyException.failure(spec.name() + ": cannot run " + binary + ": " + e.getMessage());
    }
  }

  private static String firstLine(String s) {
    String line = s.strip().split("\\R", 2)[0];
    return line.isEmpty() ? "nothing" : "'" + line + "'";
  }
}
