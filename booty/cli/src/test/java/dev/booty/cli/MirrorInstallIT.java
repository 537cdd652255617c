package dev.booty.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.booty.cli.support.Booty;
import dev.booty.cli.support.DemoComponents;
import dev.booty.cli.support.HomeSnapshot;
import dev.booty.cli.support.ReleaseSite;
import dev.booty.core.util.Digests;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code booty mirror clone} then {@code booty install --from DIR} into another home, offline. */
class MirrorInstallIT {
  @TempDir Path tmp;

  @Test
  void cloneThenInstallFromTheMirrorWithoutNetwork() throws Exception {
    Path manifest = DemoComponents.manifest(tmp);
    Path mirror = tmp.resolve("mirror");
    Booty first = new Booty(tmp.resolve("home-a"), manifest);
    try (ReleaseSite site = new ReleaseSite(manifest, tmp)) {
      site.publish("demo-tgz", "1.2.3");
      site.publish("demo-tgz", "1.0.0");
      first.env("BOOTY_RELEASE_MIRROR", site.baseUrl());
      assertThat(first.run("install", "demo-tgz", "demo-tgz@1.0.0").exitCode()).isZero();
    }
    Booty.Run clone = first.run("mirror", "clone", mirror.toString(), "demo-tgz", "demo-tgz@1.0.0");
    assertThat(clone.exitCode()).as(clone.toString()).isZero();
    assertThat(mirror.resolve("mirror.json")).isRegularFile();

    // the second home has no network source at all: the release base is a closed port
    Path homeB = tmp.resolve("home-b");
    Booty second = new Booty(homeB, manifest).env("BOOTY_RELEASE_MIRROR", "http://127.0.0.1:9");
    Booty.Run run =
        second.run("install", "--from", mirror.toString(), "demo-tgz@1.0.0", "demo-tgz");
    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.out()).contains("demo-tgz 1.0.0 installed from mirror");
    Path a = tmp.resolve("home-a/components/demo-tgz/1.0.0/bin/demo-tgz");
    Path b = homeB.resolve("components/demo-tgz/1.0.0/bin/demo-tgz");
    assertThat(Digests.sha256(b)).isEqualTo(Digests.sha256(a));
    assertThat(Files.readString(homeB.resolve("components/demo-tgz/active")).strip())
        .isEqualTo("1.0.0");
  }

  @Test
  void tamperedMirrorFileIsRejectedAndHomeIsUnchanged() throws Exception {
    Path manifest = DemoComponents.manifest(tmp);
    Path mirror = tmp.resolve("mirror");
    Booty first = new Booty(tmp.resolve("home-a"), manifest);
    try (ReleaseSite site = new ReleaseSite(manifest, tmp)) {
      site.publish("demo-zip", "1.2.3");
      site.publish("demo-bin", "1.2.3");
      first.env("BOOTY_RELEASE_MIRROR", site.baseUrl());
      assertThat(first.run("install", "demo-zip", "demo-bin").exitCode()).isZero();
    }
    assertThat(first.run("mirror", "clone", mirror.toString(), "demo-zip", "demo-bin").exitCode())
        .isZero();
    Path file =
        mirror.resolve(
            "demo-zip/1.2.3/" + dev.booty.core.manifest.Platform.current().dashed() + "/demo-zip");
    Files.writeString(file, "#!/bin/sh\necho demo-zip v1.2.3\n");

    Booty second =
        new Booty(tmp.resolve("home-b"), manifest)
            .env("BOOTY_RELEASE_MIRROR", "http://127.0.0.1:9");
    assertThat(second.run("install", "--from", mirror.toString(), "demo-bin").exitCode()).isZero();
    Map<String, String> before = HomeSnapshot.of(tmp.resolve("home-b"));
    Booty.Run run = second.run("install", "--from", mirror.toString(), "demo-zip");
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err())
        .contains("demo-zip 1.2.3: checksum mismatch for " + file)
        .contains("expected sha256 ");
    assertThat(HomeSnapshot.of(tmp.resolve("home-b"))).isEqualTo(before);
  }
}
