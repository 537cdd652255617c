package dev.booty.core.stack;

import dev.booty.core.BootyException;
import dev.booty.core.install.InstalledVersion;
import dev.booty.core.util.FileTrees;
import dev.booty.core.util.ProcessRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Builds a container image of an installed component with Podman, with no registry involved: {@code
 * FROM scratch}, the binary, and the shared libraries {@code ldd} lists at their paths. Tagged
 * {@code localhost/booty/NAME:VERSION} and {@code :latest}.
 */
public final class ImageBuilder {
  private static final Pattern LIB = Pattern.compile("(?:=>\\s*)?(/\\S+)\\s+\\(0x");

  private ImageBuilder() {}

  public static List<String> build(
      StackContext ctx, InstalledVersion v, Consumer<String> progress) {
    Path podman =
        PodmanService.binary()
            .orElseThrow(
                () ->
                    BootyException.failure(
                        "podman is not installed (apt-get install podman runc)"));
    Path binary = ctx.binary(v);
    String name = binary.getFileName().toString();
    Path context =
        ctx.serviceDir(PodmanService.NAME).resolve("build-" + v.component() + "-" + v.version());
    try {
      FileTrees.deleteRecursively(context);
      Path rootfs = context.resolve("rootfs");
      Files.createDirectories(rootfs);
      Files.copy(binary, rootfs.resolve(name), StandardCopyOption.COPY_ATTRIBUTES);
      for (String lib : sharedLibraries(binary)) {
        Path target = rootfs.resolve(lib.substring(1));
        Files.createDirectories(target.getParent());
        Files.copy(Path.of(lib).toRealPath(), target, StandardCopyOption.REPLACE_EXISTING);
      }
      Files.writeString(
          context.resolve("Containerfile"),
          "FROM scratch\nCOPY rootfs/ /\nENTRYPOINT [\"/" + name + "\"]\n");
      String base = "localhost/booty/" + v.component();
      List<String> tags = List.of(base + ":" + v.version(), base + ":latest");
      progress.accept(
          "podman build -t " + tags.get(0) + " (FROM scratch, " + name + " and its libraries)");
      List<String> cmd = new ArrayList<>(List.of(podman.toString(), "build", "-q"));
      tags.forEach(
          t -> {
            cmd.add("-t");
            cmd.add(t);
          });
      cmd.add(context.toString());
      ProcessRunner.Result r =
          ProcessRunner.run(
              cmd,
              context,
              Map.of("CONTAINERS_CONF", PodmanService.containersConf(ctx).toString()),
              Duration.ofMinutes(10),
              l -> {});
      if (!r.ok()) {
        throw BootyException.failure("podman build of " + tags.get(0) + " failed: " + r.output());
      }
      return tags;
    } catch (IOException e) {
      throw BootyException.failure(
          "cannot prepare the image of " + v.component() + ": " + e.getMessage());
    } finally {
      try {
        FileTrees.deleteRecursively(context);
      } catch (IOException e) {
        progress.accept("could not remove " + context + ": " + e.getMessage());
      }
    }
  }

  /** The absolute library paths {@code ldd} lists (none for a static binary). */
  static List<String> sharedLibraries(Path binary) throws IOException {
    List<String> libs = new ArrayList<>();
    ProcessRunner.run(
        List.of("ldd", binary.toString()),
        null,
        Map.of(),
        Duration.ofSeconds(20),
        line -> {
          Matcher m = LIB.matcher(line);
          if (m.find()) {
            libs.add(m.group(1));
          }
        });
    return libs;
  }
}
