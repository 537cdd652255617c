package dev.booty.core.source;

import com.fasterxml.jackson.databind.JsonNode;
import dev.booty.core.install.FetchRequest;
import dev.booty.core.install.Fetcher;
import dev.booty.core.install.SourceKind;
import dev.booty.core.install.SourceUnavailableException;
import dev.booty.core.manifest.ComponentSpec.GoBuild;
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
 * module whose go.mod replaces nested modules with local folders (Nomad's {@code ./api}, Consul's
 * {@code ./api}, {@code ./sdk}, ...) cannot be: {@code go install} refuses replace directives and
 * the nested folders are not in the root module's zip. Then the root module is downloaded, copied
 * to a writable folder, each local replace is dropped and the nested module is required at the
 * root module's own commit (a pseudo-version the module proxy resolves), and {@code go build} runs
 * there. See docs/decisions.md.
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
    String goBin = goBinary();
    String moduleAtVersion = go.module() + "@v" + req.version();
    Map<String, String> goEnv = goEnv(req);

    req.progress().step(req.name(), "go: resolving " + moduleAtVersion);
    JsonNode info = download(goBin, moduleAtVersion, req, goEnv);
    List<String[]> localReplaces = localReplaces(goBin, Path.of(info.path("GoMod").asText()), req);

    Path out = req.scratch().resolve("out");
    try {
      Files.createDirectories(out);
      if (localReplaces.isEmpty()) {
        List<String> cmd = buildCommand(goBin, "install", go, req);
        cmd.add(go.main() + "@v" + req.version());
        Map<String, String> installEnv = new HashMap<>(goEnv);
        installEnv.put("GOBIN", out.toString());
        run(cmd, req.scratch(), installEnv, req, "go install " + go.main() + "@v" + req.version());
      } else {
        Path src = copyModule(Path.of(info.path("Dir").asText()), req);
        String commit = info.path("Origin").path("Hash").asText("");
        for (String[] replace : localReplaces) {
          pinNested(goBin, src, replace[0], commit, info, req, goEnv);
        }
        List<String> cmd = buildCommand(goBin, "build", go, req);
        cmd.add("-o");
        cmd.add(out.resolve(req.spec().binary()).toString());
        cmd.add(relativeMain(go));
        run(cmd, src, goEnv, req, "go build " + go.main() + " (v" + req.version() + ")");
      }
      Path built = single(out, req);
      Files.move(built, req.binary(), StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new SourceUnavailableException("go build of " + moduleAtVersion + ": " + e.getMessage());
    }
    return new Fetched("go module " + moduleAtVersion, null);
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
      throw new SourceUnavailableException("no Go toolchain: 'go' is not on PATH (or set BOOTY_GO)");
    }
    return found.toString();
  }

  private Map<String, String> goEnv(FetchRequest req) {
    Map<String, String> e = new HashMap<>();
    for (String key : List.of("GOPROXY", "GOSUMDB", "GONOSUMDB", "GOPRIVATE", "GOFLAGS", "GOPATH",
        "GOMODCACHE", "GOCACHE", "GOTOOLCHAIN", "CGO_ENABLED", "HOME", "PATH")) {
      if (env.containsKey(key)) {
        e.put(key, env.get(key));
      }
    }
    String flags = e.getOrDefault("GOFLAGS", "");
    e.put("GOFLAGS", (flags + " -mod=mod").strip());
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

  /** The replace directives of go.mod whose target is a local folder: {old path, new path}. */
  private List<String[]> localReplaces(String goBin, Path goMod, FetchRequest req)
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
      List<String[]> local = new ArrayList<>();
      for (JsonNode rep : Json.MAPPER.readTree(json.toString()).path("Replace")) {
        String target = rep.path("New").path("Path").asText();
        if (target.startsWith("./") || target.startsWith("../")) {
          local.add(new String[] {rep.path("Old").path("Path").asText(), target});
        }
      }
      return local;
    } catch (IOException e) {
      throw new SourceUnavailableException("cannot read " + goMod + ": " + e.getMessage());
    }
  }

  private Path copyModule(Path dir, FetchRequest req) throws IOException {
    req.progress().step(req.name(), "go: copying module source to drop its local replaces");
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

  /** Drops the local replace of {@code nested} and requires it at the root module's commit. */
  private void pinNested(
      String goBin,
      Path src,
      String nested,
      String commit,
      JsonNode info,
      FetchRequest req,
      Map<String, String> goEnv)
      throws SourceUnavailableException, IOException {
    if (commit.isEmpty()) {
      throw new SourceUnavailableException(
          "go mod download did not report the commit of "
              + info.path("Path").asText()
              + "@"
              + info.path("Version").asText()
              + "; cannot pin its nested module "
              + nested);
    }
    req.progress().step(req.name(), "go: pinning nested module " + nested + " at " + commit);
    JsonNode nestedInfo = download(goBin, nested + "@" + commit, req, goEnv);
    String version = nestedInfo.path("Version").asText();
    run(
        List.of(
            goBin,
            "mod",
            "edit",
            "-dropreplace=" + nested,
            "-require=" + nested + "@" + version),
        src,
        goEnv,
        req,
        "go mod edit (" + nested + "@" + version + ")");
  }

  private List<String> buildCommand(String goBin, String verb, GoBuild go, FetchRequest req) {
    List<String> cmd = new ArrayList<>(List.of(goBin, verb, "-trimpath"));
    if (go.tags() != null && !go.tags().isBlank()) {
      cmd.add("-tags=" + go.tags());
    }
    if (go.ldflags() != null && !go.ldflags().isBlank()) {
      cmd.add("-ldflags=" + req.expand(go.ldflags(), null));
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
          ProcessRunner.run(cmd, dir, goEnv, BUILD_TIMEOUT, l -> req.progress().detail(req.name(), l));
      if (r.timedOut()) {
        throw new SourceUnavailableException(what + " ran over " + BUILD_TIMEOUT.toMinutes() + " min");
      }
      if (!r.ok()) {
        throw new SourceUnavailableException(what + " failed (exit " + r.exitCode() + "):\n" + r.output());
      }
    } catch (IOException e) {
      throw new SourceUnavailableException("cannot run " + cmd.get(0) + ": " + e.getMessage());
    }
  }

  private static Path single(Path out, FetchRequest req) throws IOException, SourceUnavailableException {
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
