package dev.booty.core.deploy;

import dev.booty.core.BootyException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Jobs of a scenario that something other than deploy changed in Nomad (a rolling upgrade swaps a
 * server's binary in Nomad's copy of the job), listed in {@code scenarios/NAME/drift}, one job id
 * per line. The next deploy resubmits them even though their rendering did not change, which puts
 * the file's state back, and then clears the list.
 */
public final class Drift {
  private Drift() {}

  static Path file(Path home, String scenario) {
    return DeploymentState.dir(home, scenario).resolve("drift");
  }

  /** Notes that {@code job} no longer runs what its file says. */
  public static synchronized void mark(Path home, String scenario, String job) {
    Path f = file(home, scenario);
    try {
      if (jobs(home, scenario).contains(job)) {
        return;
      }
      Files.createDirectories(f.getParent());
      Files.writeString(
          f,
          job + "\n",
          StandardCharsets.UTF_8,
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw BootyException.failure("cannot write " + f + ": " + e.getMessage());
    }
  }

  /** The drifted jobs of a scenario; empty when none. */
  public static Set<String> jobs(Path home, String scenario) {
    Path f = file(home, scenario);
    try {
      Set<String> out = new LinkedHashSet<>();
      if (Files.isRegularFile(f)) {
        Files.readAllLines(f).stream()
            .map(String::strip)
            .filter(l -> !l.isEmpty())
            .forEach(out::add);
      }
      return out;
    } catch (IOException e) {
      throw BootyException.failure("cannot read " + f + ": " + e.getMessage());
    }
  }

  static void clear(Path home, String scenario) {
    try {
      Files.deleteIfExists(file(home, scenario));
    } catch (IOException e) {
      throw BootyException.failure("cannot remove " + file(home, scenario) + ": " + e.getMessage());
    }
  }
}
