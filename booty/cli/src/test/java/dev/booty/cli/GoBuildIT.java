package dev.booty.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.booty.cli.support.Booty;
import dev.booty.cli.support.GoModuleProxy;
import dev.booty.cli.support.HomeSnapshot;
import dev.booty.core.util.ProcessRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Go source with the real Go toolchain, against a module proxy the test writes: a plain module
 * (go install), and one whose go.mod replaces a nested module with a local folder the way Nomad's
 * and Consul's do (the folder is not in the module zip, so booty must pin the nested module).
 */
class GoBuildIT {
  static final String COMMIT = "abcdef1234567890abcdef1234567890abcdef12";
  static final String PSEUDO = "v0.0.0-20240101000000-abcdef123456";

  @TempDir Path tmp;
  Booty booty;
  Path modCache;

  @BeforeEach
  void setUp() throws Exception {
    GoModuleProxy proxy = new GoModuleProxy(tmp.resolve("proxy"));
    String mainGo =
        """
        package main

        import (
        \t"fmt"
        \t"os"
        %s)

        var version = "development"

        func main() {
        \tif len(os.Args) > 1 && os.Args[1] == "--version" {
        \t\tfmt.Println(%s + " v" + version)
        \t\treturn
        \t}
        \tos.Exit(1)
        }
        """;
    proxy.publish(
        "example.com/plain",
        "v1.4.0",
        "{\"Version\":\"v1.4.0\",\"Time\":\"2024-02-01T00:00:00Z\"}",
        Map.of(
            "go.mod",
            "module example.com/plain\n\ngo 1.21\n",
            "main.go",
            mainGo.formatted("", "\"plain\"")));
    proxy.publish(
        "example.com/nested",
        "v1.7.0",
        "{\"Version\":\"v1.7.0\",\"Time\":\"2024-01-01T00:00:00Z\",\"Origin\":{\"VCS\":\"git\",\"URL\":\"https://example.com/nested\",\"Hash\":\""
            + COMMIT
            + "\",\"Ref\":\"refs/tags/v1.7.0\"}}",
        Map.of(
            "go.mod",
            "module example.com/nested\n\ngo 1.21\n\nrequire example.com/nested/api v0.0.0-00010101000000-000000000000\n\nreplace example.com/nested/api => ./api\n",
            "main.go",
            mainGo.formatted("\t\"example.com/nested/api\"\n", "api.Name()")));
    String apiInfo = "{\"Version\":\"" + PSEUDO + "\",\"Time\":\"2024-01-01T00:00:00Z\"}";
    proxy.alias("example.com/nested/api", COMMIT, apiInfo);
    proxy.publish(
        "example.com/nested/api",
        PSEUDO,
        apiInfo,
        Map.of(
            "go.mod", "module example.com/nested/api\n\ngo 1.21\n",
            "api.go", "package api\n\nfunc Name() string { return \"nested\" }\n"));

    Path manifest = tmp.resolve("go-components.yaml");
    Files.writeString(
        manifest,
        """
        manifestVersion: 1
        components:
          plain:
            description: a module without replace directives
            binary: plain
            default: 1.4.0
            versions: [1.4.0]
            platforms: [linux/amd64, linux/arm64, darwin/amd64, darwin/arm64]
            versionCheck: {args: [--version], expect: "plain v{version}"}
            sources:
              go: {module: example.com/plain, main: example.com/plain, ldflags: "-X main.version={version}", tags: ""}
          nested:
            description: a module replacing a nested module with ./api
            binary: nested
            default: 1.7.0
            versions: [1.7.0]
            platforms: [linux/amd64, linux/arm64, darwin/amd64, darwin/arm64]
            versionCheck: {args: [--version], expect: "nested v{version}"}
            sources:
              go: {module: example.com/nested, main: example.com/nested, ldflags: "-X main.version={version}", tags: ""}
        """);
    modCache = tmp.resolve("gomodcache");
    booty =
        new Booty(tmp.resolve("home"), manifest)
            .env("GOPROXY", proxy.url())
            .env("GOSUMDB", "off")
            .env("GOMODCACHE", modCache.toString())
            .env("GOTOOLCHAIN", "local")
            .env("BOOTY_CACHE", tmp.resolve("cache").toString());
  }

  @AfterEach
  void cleanModCache() throws Exception {
    // the module cache is read-only by design; the go tool knows how to remove it
    ProcessRunner.run(
        List.of("go", "clean", "-modcache"),
        tmp,
        Map.of("GOMODCACHE", modCache.toString()),
        Duration.ofMinutes(1),
        l -> {});
  }

  @Test
  void buildsAPlainModuleWithGoInstall() throws Exception {
    Booty.Run run = booty.run("install", "--source", "go", "plain");
    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.err()).contains("go install example.com/plain@v1.4.0");
    Path bin = tmp.resolve("home/components/plain/1.4.0/bin/plain");
    assertThat(bin).isExecutable();
    ProcessRunner.Result r =
        ProcessRunner.run(
            List.of(bin.toString(), "--version"), tmp, Map.of(), Duration.ofSeconds(10), l -> {});
    assertThat(r.output()).isEqualTo("plain v1.4.0");
  }

  @Test
  void buildsAModuleWithALocalReplaceByPinningTheNestedModuleAtTheSameCommit() throws Exception {
    Booty.Run run = booty.run("install", "--source", "go", "nested");
    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.err())
        .contains("pinning nested module example.com/nested/api at " + COMMIT)
        .contains("go build example.com/nested (v1.7.0)");
    assertThat(run.out()).contains("nested 1.7.0 installed from go");
    assertThat(Files.readString(tmp.resolve("home/components/nested/1.7.0/install.json")))
        .contains("\"origin\" : \"go module example.com/nested@v1.7.0\"");
  }

  @Test
  void aMirrorThatRefusesCommitQueriesStillServesThePseudoVersionOfTheTagCommit() throws Exception {
    Files.delete(tmp.resolve("proxy/example.com/nested/api/@v/" + COMMIT + ".info"));
    Booty.Run run = booty.run("install", "--source", "go", "nested");
    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.err()).contains("go mod edit (example.com/nested/api@" + PSEUDO + ")");
  }

  @Test
  void aSecondHomeReusesTheCachedBuildAndStillVerifiesIt() throws Exception {
    assertThat(booty.run("install", "--source", "go", "plain").exitCode()).isZero();
    Booty other =
        new Booty(tmp.resolve("home2"), tmp.resolve("go-components.yaml"))
            .env("GOPROXY", "off")
            .env("BOOTY_CACHE", tmp.resolve("cache").toString());
    Booty.Run run = other.run("install", "--source", "go", "plain");
    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.err()).contains("go: reusing the cached build");
    assertThat(Files.readString(tmp.resolve("home2/components/plain/1.4.0/install.json")))
        .contains("\"versionOutput\" : \"plain v1.4.0\"");
  }

  @Test
  void aFailedBuildLeavesTheHomeUnchanged() throws Exception {
    assertThat(booty.run("install", "--source", "go", "plain").exitCode()).isZero();
    Map<String, String> before = HomeSnapshot.of(tmp.resolve("home"));
    booty.env("GOPROXY", "off").env("BOOTY_GO_CACHE", "off");
    Booty.Run run = booty.run("install", "--source", "go", "nested");
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains("go: go mod download example.com/nested@v1.7.0");
    assertThat(HomeSnapshot.of(tmp.resolve("home"))).isEqualTo(before);
  }
}
