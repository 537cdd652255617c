package dev.booty.core.source;

import dev.booty.core.BootyException;
import dev.booty.core.manifest.ComponentSpec.SystemPackage;
import dev.booty.core.util.ProcessRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The Debian package, through apt: {@code apt-get download} of the exact package version, then
 * {@code dpkg-deb -x} into the scratch folder and the executable taken from there. Nothing is
 * installed system-wide, so the install stays atomic and side by side like every other source.
 */
public final class SystemPackageFetcher implements Fetcher {
  private static final Duration TIMEOUT = Duration.ofMinutes(10);
  private final Map<String, String> env;

  public SystemPackageFetcher(Map<String, String> env) {
    this.env = env;
  }

  @Override
  public SourceKind kind() {
    return SourceKind.SYSTEM;
  }

  @Override
  public Fetched fetch(FetchRequest req) throws SourceUnavailableException {
    SystemPackage pkg = req.spec().sources().system();
    if (pkg == null) {
      throw new SourceUnavailableException(req.name() + " has no operating-system package");
    }
    for (String tool : List.of("apt-cache", "apt-get", "dpkg-deb")) {
      if (ProcessRunner.which(tool, env) == null) {
        throw new SourceUnavailableException(
            "no " + tool + " on PATH: system packages are supported on Debian and Ubuntu only");
      }
    }
    req.progress().step(req.name(), "apt: looking up " + pkg.debian());
    List<String> offered = offeredVersions(pkg.debian(), req);
    String debVersion =
        offered.stream()
            .filter(v -> upstream(v).equals(req.version()))
            .findFirst()
            .orElseThrow(
                () ->
                    new SourceUnavailableException(
                        offered.isEmpty()
                            ? "apt knows no package "
                                + pkg.debian()
                                + " (is 'apt-get update' needed?)"
                            : "apt offers "
                                + pkg.debian()
                                + " "
                                + String.join(", ", offered)
                                + ", not "
                                + req.version()));
    Path debs = req.scratch().resolve("debs");
    Path root = req.scratch().resolve("root");
    try {
      Files.createDirectories(debs);
      run(
          List.of("apt-get", "download", pkg.debian() + "=" + debVersion),
          debs,
          req,
          "apt-get download " + pkg.debian() + "=" + debVersion);
      Path deb = onlyDeb(debs, pkg.debian());
      run(
          List.of("dpkg-deb", "-x", deb.toString(), root.toString()),
          req.scratch(),
          req,
          "dpkg-deb -x " + deb.getFileName());
      Path binary = root.resolve(pkg.path().replaceFirst("^/+", ""));
      if (!Files.isRegularFile(binary)) {
        throw BootyException.failure(
            req.name() + ": package " + deb.getFileName() + " has no " + pkg.path());
      }
      Files.copy(binary, req.binary(), StandardCopyOption.REPLACE_EXISTING);
      req.binary().toFile().setExecutable(true, false);
      return new Fetched("debian package " + pkg.debian() + "=" + debVersion, null);
    } catch (IOException e) {
      throw new SourceUnavailableException("apt: " + e.getMessage());
    }
  }

  private List<String> offeredVersions(String name, FetchRequest req)
      throws SourceUnavailableException {
    List<String> versions = new ArrayList<>();
    try {
      ProcessRunner.Result r =
          ProcessRunner.run(
              List.of("apt-cache", "madison", name),
              req.scratch(),
              Map.of(),
              TIMEOUT,
              line -> {
                String[] cols = line.split("\\|");
                if (cols.length >= 2 && cols[0].strip().equals(name)) {
                  String v = cols[1].strip();
                  if (!versions.contains(v)) {
                    versions.add(v);
                  }
                }
              });
      if (!r.ok() && versions.isEmpty()) {
        throw new SourceUnavailableException("apt-cache madison " + name + ": " + r.output());
      }
    } catch (IOException e) {
      throw new SourceUnavailableException("cannot run apt-cache: " + e.getMessage());
    }
    return versions;
  }

  /** Debian version {@code 1:2.6.2+ds-1~bpo12} to upstream {@code 2.6.2}. */
  static String upstream(String debianVersion) {
    String v = debianVersion;
    int colon = v.indexOf(':');
    if (colon >= 0) {
      v = v.substring(colon + 1);
    }
    int dash = v.lastIndexOf('-');
    if (dash > 0) {
      v = v.substring(0, dash);
    }
    return v.split("[+~]", 2)[0];
  }

  private void run(List<String> cmd, Path dir, FetchRequest req, String what)
      throws IOException, SourceUnavailableException {
    req.progress().step(req.name(), what);
    ProcessRunner.Result r =
        ProcessRunner.run(cmd, dir, Map.of(), TIMEOUT, l -> req.progress().detail(req.name(), l));
    if (!r.ok()) {
      throw new SourceUnavailableException(
          what + " failed (exit " + r.exitCode() + "): " + r.output());
    }
  }

  private static Path onlyDeb(Path dir, String name)
      throws IOException, SourceUnavailableException {
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .filter(p -> p.getFileName().toString().startsWith(name + "_"))
          .filter(p -> p.getFileName().toString().endsWith(".deb"))
          .findFirst()
          .orElseThrow(
              () -> new SourceUnavailableException("apt-get download left no " + name + " .deb"));
    }
  }
}
