package dev.booty.core.source;

import com.fasterxml.jackson.databind.JsonNode;
import dev.booty.core.manifest.ComponentSpec.GoBuild;
import dev.booty.core.util.Digests;
import dev.booty.core.util.Json;
import dev.booty.core.util.ProcessRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Builds a component from its Go module at the requested version with the local Go toolchain.
 *
 * <p>A module without {@code replace} directives is built as {@code go install MAIN@vVERSION}. A
 * module with any cannot be ({@code go install} refuses them): VictoriaMetrics replaces modules
 * with other versions, Nomad and Consul replace nested modules with local folders ({@code ./api},
 * {@code ./sdk}, ...) that are not even in the root module's zip. Then the root module is
 * downloaded and copied to a writable folder, each local replace is dropped and the nested module
 * is required at the root module's own commit (a pseudo-version the module proxy resolves), other
 * replaces stay, and {@code go build} runs there. See docs/decisions.md.
 */
public final class GoBuildFetcher implements Fetcher {
  private static final Duration DOWNLOAD_TIMEOUT = Duration.ofMinutes(20);
  private static final Duration BUILD_TIMEOUT = Duration.ofMinutes(60);

  private final Map<String, String> env;

  /** {@code env}: the environment to look up {@code go} in ({@code BOOTY_GO} names one). */
  public GoBuildFetcher(Map<String, String> env) {
    this.env = env;
  }

  @Override
  public SourceKind kind() {
    return SourceKind.GO;
  }

  @Override
  public Fetched fetch(FetchRequest req) throws SourceUnavailableException {
    GoBuild go = req.spec().sources().go();
    if (go == null) {
      throw new SourceUnavailableException(req.name() + " has no Go module source");
    }
    String moduleAtVersion = go.module() + "@v" + req.version();
    Path cached = cacheEntry(go, req);
    if (cached != null && Files.isRegularFile(cached)) {
      req.progress().step(req.name(), "go: reusing the cached build " + cached);
      try {
        Files.copy(cached, req.binary(), StandardCopyOption.REPLACE_EXISTING);
        req.binary().toFile().setExecutable(true, false);
        return new Fetched("go module " + moduleAtVersion + " (cached build)", null);
      } catch (IOException e) {
        req.progress()
            .step(req.name(), "go: cached build unreadable, rebuilding: " + e.getMessage());
      }
    }
    String goBin = goBinary();
    Map<String, String> goEnv = goEnv(req);

    req.progress().step(req.name(), "go: resolving " + moduleAtVersion);
    JsonNode info = download(goBin, moduleAtVersion, req, goEnv);
    GoMod goMod = readGoMod(goBin, Path.of(info.path("GoMod").asText()), req);

    Path out = req.scratch().resolve("out");
    try {
      Files.createDirectories(out);
      if (!goMod.hasReplaces()) {
        List<String> cmd = buildCommand(goBin, "install", go, req);
        cmd.add(go.main() + "@v" + req.version());
        Map<String, String> installEnv = new HashMap<>(goEnv);
        installEnv.put("GOBIN", out.toString());
        run(cmd, req.scratch(), installEnv, req, "go install " + go.main() + "@v" + req.version());
      } else {
        Path src = copyModule(Path.of(info.path("Dir").asText()), req);
        String commit = info.path("Origin").path("Hash").asText("");
        for (String[] replace : goMod.localReplaces()) {
          pinNested(goBin, src, replace, commit, info, req, goEnv);
        }
        List<String> cmd = buildCommand(goBin, "build", go, req);
        cmd.add("-o");
        cmd.add(out.resolve(req.spec().binary()).toString());
        cmd.add(relativeMain(go));
        run(cmd, src, goEnv, req, "go build " + go.main() + " (v" + req.version() + ")");
      }
      Path built = single(out, req);
      Files.move(built, req.binary(), StandardCopyOption.REPLACE_EXISTING);
      // only a binary that proves its version is worth keeping
      VersionVerifier.verify(req.spec(), req.version(), req.binary());
      remember(cached, req);
    } catch (IOException e) {
      throw new SourceUnavailableException(
          "go build of " + moduleAtVersion + ": " + e.getMessage());
    }
    return new Fetched("go module " + moduleAtVersion, null);
  }

  /**
   * Where a build of this module, version, main package, flags and platform is kept, so that a
   * fresh home or a reinstall does not rebuild (Nomad and Consul take minutes). {@code BOOTY_CACHE}
   * (default {@code ~/.cache/booty}); {@code BOOTY_GO_CACHE=off} disables it. The installer
   * verifies a cached binary's version like any other.
   */
  private Path cacheEntry(GoBuild go, FetchRequest req) {
    if ("off".equalsIgnoreCase(env.getOrDefault("BOOTY_GO_CACHE", ""))) {
      return null;
    }
    String root = env.get("BOOTY_CACHE");
    Path base =
        root != null && !root.isBlank()
            ? Path.of(root)
            : Path.of(env.getOrDefault("HOME", System.getProperty("user.home")), ".cache", "booty");
    String key =
        String.join(
            "|",
            go.module(),
            go.main(),
            req.version(),
            String.valueOf(go.ldflags()),
            String.valueOf(go.tags()),
            req.platform().toString());
    String hash =
        java.util.HexFormat.of()
            .formatHex(
                Digests.messageDigest("sha256")
                    .digest(key.getBytes(java.nio.charset.StandardCharsets.UTF_8)))
            .substring(0, 16);
    return base.resolve("go-builds")
        .resolve(req.name() + "-" + req.version() + "-" + req.platform().dashed() + "-" + hash)
        .resolve(req.spec().binary());
  }

  /** Keeps a copy of a fresh build in the cache; a cache that cannot be written is only a pity. */
  private static void remember(Path cached, FetchRequest req) {
    if (cached == null) {
      return;
    }
    try {
      Files.createDirectories(cached.getParent());
      Path tmp = Files.createTempFile(cached.getParent(), ".build", ".tmp");
      Files.copy(req.binary(), tmp, StandardCopyOption.REPLACE_EXISTING);
      tmp.toFile().setExecutable(true, false);
      Files.move(tmp, cached, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      req.progress().step(req.name(), "go: could not cache the build: " + e.getMessage());
    }
  }

  private String goBinary() throws SourceUnavailableException {
    String explicit = env.get("BOOTY_GO");
    if (explicit != null && !explicit.isBlank()) {
      if (!Files.isExecutable(Path.of(explicit))) {
        throw new SourceUnavailableException("BOOTY_GO=" + explicit + " is not an executable");
      }
      return explicit;
    }
    Path found = ProcessRunner.which("go", env);
    if (found == null) {
      throw new SourceUnavailableException(
          "no Go toolchain: 'go' is not on PATH (or set BOOTY_GO)");
    }
    return found.toString();
  }

  private Map<String, String> goEnv(FetchRequest req) {
    Map<String, String> e = new HashMap<>();
    for (String key :
        List.of(
            "GOPROXY",
            "GOSUMDB",
            "GONOSUMDB",
            "GOPRIVATE",
            "GOFLAGS",
            "GOPATH",
            "GOMODCACHE",
            "GOCACHE",
            "GOTOOLCHAIN",
            "CGO_ENABLED",
            "HOME",
            "PATH")) {
      if (env.containsKey(key)) {
        e.put(key, env.get(key));
      }
    }
    String flags = e.getOrDefault("GOFLAGS", "");
    e.put("GOFLAGS", (flags + " -mod=mod -buildvcs=false").strip());
    // a module asking for a newer Go should fail clearly, not fetch a toolchain mid-install
    e.putIfAbsent("GOTOOLCHAIN", "local");
    e.put("GOOS", req.platform().os());
    e.put("GOARCH", req.platform().arch());
    return e;
  }

  private JsonNode download(
      String goBin, String moduleAtVersion, FetchRequest req, Map<String, String> goEnv)
      throws SourceUnavailableException {
    StringBuilder json = new StringBuilder();
    ProcessRunner.Result r;
    try {
      r =
          ProcessRunner.run(
              List.of(goBin, "mod", "download", "-json", moduleAtVersion),
              req.scratch(),
              goEnv,
              DOWNLOAD_TIMEOUT,
              line -> json.append(line).append('\n'));
    } catch (IOException e) {
      throw new SourceUnavailableException("cannot run " + goBin + ": " + e.getMessage());
    }
    JsonNode node;
    try {
      node = Json.MAPPER.readTree(json.toString());
    } catch (IOException e) {
      throw new SourceUnavailableException(
          "go mod download " + moduleAtVersion + " failed: " + r.output());
    }
    if (!r.ok() || node.hasNonNull("Error")) {
      throw new SourceUnavailableException(
          "go mod download " + moduleAtVersion + ": " + node.path("Error").asText(r.output()));
    }
    return node;
  }

  /**
   * What matters of a go.mod here: whether it has replace directives at all ({@code go install}
   * refuses any), and those whose target is a local folder: {old path, target, required version}.
   */
  private record GoMod(boolean hasReplaces, List<String[]> localReplaces) {}

  private GoMod readGoMod(String goBin, Path goMod, FetchRequest req)
      throws SourceUnavailableException {
    StringBuilder json = new StringBuilder();
    try {
      ProcessRunner.Result r =
          ProcessRunner.run(
              List.of(goBin, "mod", "edit", "-json", goMod.toString()),
              req.scratch(),
              Map.of(),
              Duration.ofMinutes(1),
              line -> json.append(line).append('\n'));
      if (!r.ok()) {
        throw new SourceUnavailableException("go mod edit -json " + goMod + ": " + r.output());
      }
      JsonNode mod = Json.MAPPER.readTree(json.toString());
      Map<String, String> required = new HashMap<>();
      for (JsonNode req2 : mod.path("Require")) {
        required.put(req2.path("Path").asText(), req2.path("Version").asText());
      }
      List<String[]> local = new ArrayList<>();
      boolean any = false;
      for (JsonNode rep : mod.path("Replace")) {
        any = true;
        String target = rep.path("New").path("Path").asText();
        if (target.startsWith("./") || target.startsWith("../")) {
          String old = rep.path("Old").path("Path").asText();
          local.add(new String[] {old, target, required.getOrDefault(old, "")});
        }
      }
      return new GoMod(any, local);
    } catch (IOException e) {
      throw new SourceUnavailableException("cannot read " + goMod + ": " + e.getMessage());
    }
  }

  private Path copyModule(Path dir, FetchRequest req) throws IOException {
    req.progress()
        .step(req.name(), "go: copying the module source (its go.mod has replace directives)");
    Path src = req.scratch().resolve("src");
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) walk::iterator) {
        Path to = src.resolve(dir.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(to);
        } else {
          Files.copy(p, to);
        }
        to.toFile().setWritable(true, true);
      }
    }
    return src;
  }

  /**
   * Drops the local replace {@code {path, target, required version}} and requires the nested module
   * at the root module's own commit. Candidates, first served wins: the commit itself (the public
   * proxy resolves it), the pseudo-version of that commit for an untagged nested module ({@code
   * v0.0.0-TIME-HASH12}, which mirrors that refuse commit queries still serve), and the version the
   * root go.mod requires.
   */
  private void pinNested(
      String goBin,
      Path src,
      String[] replace,
      String commit,
      JsonNode info,
      FetchRequest req,
      Map<String, String> goEnv)
      throws SourceUnavailableException, IOException {
    String nested = replace[0];
    List<String> candidates = new ArrayList<>();
    if (!commit.isEmpty()) {
      candidates.add(commit);
      String time = commitTime(info);
      if (time.length() >= 19 && commit.length() >= 12) {
        String stamp = time.substring(0, 19).replaceAll("[-T:]", "");
        candidates.add("v0.0.0-" + stamp + "-" + commit.substring(0, 12));
      }
    }
    if (!replace[2].isEmpty() && !replace[2].startsWith("v0.0.0-00010101000000")) {
      candidates.add(replace[2]);
    }
    String version = null;
    List<String> refused = new ArrayList<>();
    for (String candidate : candidates) {
      req.progress().step(req.name(), "go: pinning nested module " + nested + " at " + candidate);
      try {
        version = download(goBin, nested + "@" + candidate, req, goEnv).path("Version").asText();
        break;
      } catch (SourceUnavailableException e) {
        refused.add(candidate + ": " + e.getMessage().split("\\R", 2)[0]);
      }
    }
    if (version == null) {
      throw new SourceUnavailableException(
          "cannot pin nested module "
              + nested
              + " of "
              + info.path("Path").asText()
              + "@"
              + info.path("Version").asText()
              + (refused.isEmpty()
                  ? ": no commit or required version to try"
                  : "; tried " + String.join("; ", refused)));
    }
    run(
        List.of(
            goBin, "mod", "edit", "-dropreplace=" + nested, "-require=" + nested + "@" + version),
        src,
        goEnv,
        req,
        "go mod edit (" + nested + "@" + version + ")");
  }

  /** The tag's time: {@code go mod download -json} names the .info file that holds it. */
  private static String commitTime(JsonNode info) {
    if (info.hasNonNull("Time")) {
      return info.path("Time").asText();
    }
    String file = info.path("Info").asText("");
    if (file.isEmpty()) {
      return "";
    }
    try {
      return Json.MAPPER.readTree(Path.of(file).toFile()).path("Time").asText("");
    } catch (IOException e) {
      return "";
    }
  }

  private List<String> buildCommand(String goBin, String verb, GoBuild go, FetchRequest req) {
    List<String> cmd = new ArrayList<>(List.of(goBin, verb, "-trimpath"));
    if (go.tags() != null && !go.tags().isBlank()) {
      cmd.add("-tags=" + go.tags());
    }
    if (go.ldflags() != null && !go.ldflags().isBlank()) {
      cmd.add("-ldflags=" + req.expand(go.ldflags()));
    }
    return cmd;
  }

  private static String relativeMain(GoBuild go) {
    if (go.main().equals(go.module())) {
      return ".";
    }
    return "./" + go.main().substring(go.module().length() + 1);
  }

  private void run(
      List<String> cmd, Path dir, Map<String, String> goEnv, FetchRequest req, String what)
      throws SourceUnavailableException {
    req.progress().step(req.name(), what);
    try {
      ProcessRunner.Result r =
          ProcessRunner.run(
              cmd, dir, goEnv, BUILD_TIMEOUT, l -> req.progress().detail(req.name(), l));
      if (r.timedOut()) {
        throw new SourceUnavailableException(
            what + " ran over " + BUILD_TIMEOUT.toMinutes() + " min");
      }
      if (!r.ok()) {
        String errors =
            r.output()
                .lines()
                .filter(l -> !l.startsWith("go: downloading "))
                .collect(java.util.stream.Collectors.joining("\n"));
        throw new SourceUnavailableException(
            what + " failed (exit " + r.exitCode() + "):\n" + errors);
      }
    } catch (IOException e) {
      throw new SourceUnavailableException("cannot run " + cmd.get(0) + ": " + e.getMessage());
    }
  }

  private static Path single(Path out, FetchRequest req)
      throws IOException, SourceUnavailableException {
    try (Stream<Path> files = Files.list(out)) {
      List<Path> built = files.filter(Files::isRegularFile).toList();
      if (built.size() != 1) {
        throw new SourceUnavailableException(
            "expected one binary from the go build of " + req.name() + ", found " + built);
      }
      return built.get(0);
    }
  }
}
