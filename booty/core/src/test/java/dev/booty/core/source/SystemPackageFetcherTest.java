package dev.booty.core.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.booty.core.manifest.ComponentSpec;
import dev.booty.core.manifest.ComponentSpec.SystemPackage;
import dev.booty.core.manifest.ManifestLoader;
import dev.booty.core.manifest.Platform;
import dev.booty.core.util.ProcessRunner;
import dev.booty.core.util.Progress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SystemPackageFetcherTest {
  @TempDir Path tmp;

  @Test
  void theWrapperRunsThePackagedExecutableWithTheTreesLibrariesAndArgsThroughALink()
      throws Exception {
    Path version = tmp.resolve("components/demo/1.0");
    Path root = version.resolve(SystemPackageFetcher.TREE);
    Files.createDirectories(root.resolve("usr/lib/x86_64-linux-gnu/pdns"));
    Files.createDirectories(root.resolve("usr/share/doc"));
    Files.createDirectories(root.resolve("usr/sbin"));
    Files.writeString(root.resolve("usr/lib/x86_64-linux-gnu/libluajit-5.1.so.2"), "");
    Files.writeString(root.resolve("usr/lib/x86_64-linux-gnu/pdns/libbindbackend.so"), "");
    Files.writeString(root.resolve("usr/share/doc/copyright"), "");
    Path packaged = root.resolve("usr/sbin/demo");
    Files.writeString(
        packaged,
        "#!/bin/sh\necho \"lib=$LD_LIBRARY_PATH\"\nfor a in \"$@\"; do echo \"arg=$a\"; done\n");
    packaged.toFile().setExecutable(true);
    SystemPackage pkg =
        new SystemPackage(
            "demo", "/usr/sbin/demo", List.of("demo-extra"), List.of("--module-dir={root}/m $x"));

    Path wrapper = version.resolve("bin/demo");
    Files.createDirectories(wrapper.getParent());
    Files.writeString(
        wrapper,
        SystemPackageFetcher.wrapper(pkg, root, List.of("demo=1.0-1", "demo-extra=2:3-1")));
    wrapper.toFile().setExecutable(true);
    // the home's bin/ link, as activation makes it
    Path link = tmp.resolve("bin/demo");
    Files.createDirectories(link.getParent());
    Files.createSymbolicLink(link, wrapper);

    ProcessRunner.Result r =
        ProcessRunner.run(
            List.of(link.toString(), "--version", "two words"),
            tmp,
            Map.of(),
            Duration.ofSeconds(10),
            l -> {});

    // the tree found from the wrapper's resolved path, not from the link's folder
    String base = version.toRealPath() + "/bin/../" + SystemPackageFetcher.TREE;
    assertThat(r.ok()).as(r.output()).isTrue();
    assertThat(r.output().lines().toList())
        .containsExactly(
            "lib=" + base + "/usr/lib/x86_64-linux-gnu:" + base + "/usr/lib/x86_64-linux-gnu/pdns",
            "arg=--module-dir=" + base + "/m $x",
            "arg=--version",
            "arg=two words");
  }

  @Test
  void withoutTheSwitchTheOsPackageServesOnlyComponentsItIsTheOneSourceOf() {
    ComponentSpec nats = ManifestLoader.builtIn().component("nats-server");
    FetchRequest req =
        new FetchRequest(
            nats,
            "2.9.10",
            Platform.current(),
            tmp.resolve("scratch"),
            tmp.resolve("bin/nats-server"),
            Progress.silent());

    assertThatThrownBy(() -> new SystemPackageFetcher(Map.of(), false).fetch(req))
        .isInstanceOf(SourceUnavailableException.class)
        .hasMessage(
            "the Debian package nats-server stands in for the publisher's build only with"
                + " --allow-system-packages");
  }

  @Test
  void theDebianVersionComesFromTheDownloadedFilesName() {
    assertThat(
            SystemPackageFetcher.debVersionOf(
                Path.of("libluajit-5.1-2_2.1.0~beta3+git20220320+dfsg-4.1+deb12u1_amd64.deb")))
        .isEqualTo("2.1.0~beta3+git20220320+dfsg-4.1+deb12u1");
    assertThat(SystemPackageFetcher.debVersionOf(Path.of("caddy_1%3a2.6.2-5_amd64.deb")))
        .isEqualTo("1:2.6.2-5");
  }
}
