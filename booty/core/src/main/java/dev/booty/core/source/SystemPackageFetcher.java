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
 *
 * <p>A package whose executable needs others beside it ({@code with}: PowerDNS's bind backend
 * module and LuaJIT) is kept whole: every package is unpacked into one tree, {@value #TREE}/ in the
 * version folder next to {@code bin/}, and the installed executable is a small {@code sh} wrapper
 * that runs the packaged one with that tree's library folders on {@code LD_LIBRARY_PATH} and the
 * spec's {@code args} first. The wrapper finds the tree from its own resolved path, so it works
 * through the home's {@code bin/} link too, and the version folder moves into place in one rename
 * as before.
 */
public final class SystemPackageFetcher implements Fetcher {
  private static final Duration TIMEOUT = Duration.ofMinutes(10);

  /** The folder beside {@code bin/} that holds a bundled install's unpacked packages. */
  public static final String TREE = "root";

  private final Map<String, String> env;
  private final boolean forEveryComponent;

  /**
   * @param forEveryComponent {@code --allow-system-packages}: also for components that have a
   *     release or Go build; otherwise only for those whose one source is the OS package
   */
  public SystemPackageFetcher(Map<String, String> env, boolean forEveryComponent) {
    this.env = env;
    this.forEveryComponent = forEveryComponent;
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
    boolean onlySource =
        req.spec().sources().release() == null && req.spec().sources().go() == null;
    if (!forEveryComponent && !onlySource) {
      throw new SourceUnavailableException(
          "the Debian package "
              + pkg.debian()
              + " stands in for the publisher's build only with --allow-system-packages");
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
    Path root =
        pkg.bundled()
            ? req.binary().getParent().resolveSibling(TREE)
            : req.scratch().resolve("root");
    try {
      Files.createDirectories(debs);
      List<String> download = new ArrayList<>(List.of("apt-get", "download"));
      download.add(pkg.debian() + "=" + debVersion);
      // the companions at whatever apt offers: they follow the main package's distribution
      download.addAll(pkg.with());
      run(
          download,
          debs,
          req,
          "apt-get download " + String.join(" ", download.subList(2, download.size())));
      Path deb = onlyDeb(debs, pkg.debian());
      List<String> origin = new ArrayList<>();
      origin.add(pkg.debian() + "=" + debVersion);
      unpack(deb, root, req);
      for (String extra : pkg.with()) {
        Path other = onlyDeb(debs, extra);
        unpack(other, root, req);
        origin.add(extra + "=" + debVersionOf(other));
      }
      Path binary = root.resolve(pkg.path().replaceFirst("^/+", ""));
      if (!Files.isRegularFile(binary)) {
        throw BootyException.failure(
            req.name() + ": package " + deb.getFileName() + " has no " + pkg.path());
      }
      if (pkg.bundled()) {
        Files.writeString(req.binary(), wrapper(pkg, root, origin));
      } else {
        Files.copy(binary, req.binary(), StandardCopyOption.REPLACE_EXISTING);
      }
      req.binary().toFile().setExecutable(true, false);
      return new Fetched(
          (origin.size() == 1 ? "debian package " : "debian packages ") + String.join(" ", origin),
          null);
    } catch (IOException e) {
      throw new SourceUnavailableException("apt: " + e.getMessage());
    }
  }

  private void unpack(Path deb, Path root, FetchRequest req)
      throws IOException, SourceUnavailableException {
    run(
        List.of("dpkg-deb", "-x", deb.toString(), root.toString()),
        req.scratch(),
        req,
        "dpkg-deb -x " + deb.getFileName());
  }

  /**
   * The wrapper a bundled install runs as: the packaged executable with the tree's library folders
   * (every folder holding a {@code lib*.so*}) first on the library path, relative to the wrapper's
   * resolved location.
   */
  static String wrapper(SystemPackage pkg, Path root, List<String> origin) throws IOException {
    List<String> libDirs;
    try (Stream<Path> files = Files.walk(root)) {
      libDirs =
          files
              .filter(p -> p.getFileName().toString().matches("lib.*\\.so(\\..*)?"))
              .map(p -> root.relativize(p.getParent()).toString())
              .distinct()
              .sorted()
              .toList();
    }
    StringBuilder sh = new StringBuilder("#!/bin/sh\n");
    sh.append("# written by booty: ")
        .append(pkg.path())
        .append(" from the Debian packages ")
        .append(String.join(" ", origin))
        .append(",\n# unpacked into ../")
        .append(TREE)
        .append("/ beside this folder, run with that tree's libraries.\n");
    sh.append("root=\"$(dirname \"$(readlink -f \"$0\")\")/../").append(TREE).append("\"\n");
    String path =
        libDirs.stream().map(d -> "$root/" + shQuoted(d)).reduce((a, b) -> a + ":" + b).orElse("");
    sh.append("LD_LIBRARY_PATH=\"")
        .append(path)
        .append("${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}\"\n")
        .append("export LD_LIBRARY_PATH\n");
    sh.append("exec \"$root").append(shQuoted(pkg.path())).append('"');
    for (String arg : pkg.args()) {
      sh.append(" \"").append(shQuoted(arg).replace("{root}", "$root")).append('"');
    }
    return sh.append(" \"$@\"\n").toString();
  }

  /** Text safe inside sh double quotes. */
  private static String shQuoted(String s) {
    return s.replace("\\", "\\\\").replace("\"", "\\\"").replace("$", "\\$").replace("`", "\\`");
  }

  /**
   * The Debian version in a downloaded file's name ({@code NAME_VERSION_ARCH.deb}, epoch's colon as
   * %3a).
   */
  static String debVersionOf(Path deb) {
    String[] parts = deb.getFileName().toString().split("_");
    return parts.length >= 3 ? parts[1].replace("%3a", ":") : "?";
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
