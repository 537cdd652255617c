package dev.booty.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.booty.cli.support.Booty;
import dev.booty.cli.support.DemoComponents;
import dev.booty.cli.support.HomeSnapshot;
import dev.booty.cli.support.ReleaseSite;
import dev.booty.core.manifest.Platform;
import dev.booty.core.util.Digests;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code booty mirror clone} then {@code booty install --from DIR} into another home, offline. */
class MirrorInstallIT {
  @TempDir Path tmp;
  Path manifest;
  Path mirror;
  Booty offline;

  @BeforeEach
  void setUp() throws Exception {
    manifest = DemoComponents.manifest(tmp);
    mirror = tmp.resolve("mirror");
    // the second home has no network source at all: the release base is a closed port
    offline =
        new Booty(tmp.resolve("home-b"), manifest)
            .env("BOOTY_RELEASE_MIRROR", "http://127.0.0.1:9");
  }

  @Test
  void cloneThenInstallFromTheMirrorWithoutNetwork() throws Exception {
    installAndClone("demo-tgz@1.2.3", "demo-tgz@1.0.0");
    assertThat(mirror.resolve("mirror.json")).isRegularFile();

    Booty.Run run =
        offline.run("install", "--from", mirror.toString(), "demo-tgz@1.0.0", "demo-tgz");
    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.out()).contains("demo-tgz 1.0.0 installed from mirror");
    Path a = tmp.resolve("home-a/components/demo-tgz/1.0.0/bin/demo-tgz");
    Path b = tmp.resolve("home-b/components/demo-tgz/1.0.0/bin/demo-tgz");
    assertThat(Digests.sha256(b)).isEqualTo(Digests.sha256(a));
    assertThat(Files.readString(tmp.resolve("home-b/components/demo-tgz/active")).strip())
        .isEqualTo("1.0.0");
  }

  @Test
  void tamperedMirrorFileIsRejectedAndHomeIsUnchanged() throws Exception {
    installAndClone("demo-zip@1.2.3", "demo-bin@1.2.3");
    Path file = mirror.resolve("demo-zip/1.2.3/" + Platform.current().dashed() + "/demo-zip");
    Files.writeString(file, "#!/bin/sh\necho demo-zip v1.2.3\n");

    assertThat(offline.run("install", "--from", mirror.toString(), "demo-bin").exitCode()).isZero();
    Map<String, String> before = HomeSnapshot.of(tmp.resolve("home-b"));
    Booty.Run run = offline.run("install", "--from", mirror.toString(), "demo-zip");
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err())
        .contains("demo-zip 1.2.3: checksum mismatch for " + file)
        .contains("expected sha256 ");
    assertThat(HomeSnapshot.of(tmp.resolve("home-b"))).isEqualTo(before);
  }

  /** Installs {@code refs} from a loopback release site into home-a, then clones them. */
  private void installAndClone(String... refs) throws Exception {
    Booty first = new Booty(tmp.resolve("home-a"), manifest);
    try (ReleaseSite site = new ReleaseSite(manifest, tmp)) {
      for (String ref : refs) {
        String[] parts = ref.split("@");
        site.publish(parts[0], parts[1]);
      }
      first.env("BOOTY_RELEASE_MIRROR", site.baseUrl());
      Booty.Run install = first.run(args("install", refs));
      assertThat(install.exitCode()).as(install.toString()).isZero();
    }
    Booty.Run clone = first.run(args("mirror", "clone", mirror.toString(), refs));
    assertThat(clone.exitCode()).as(clone.toString()).isZero();
  }

  private static String[] args(Object... parts) {
    List<String> all = new ArrayList<>();
    for (Object p : parts) {
      if (p instanceof String[] many) {
        all.addAll(List.of(many));
      } else {
        all.add((String) p);
      }
    }
    return all.toArray(String[]::new);
  }
}
