package dev.booty.core.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.booty.api.ApiVersion;
import dev.booty.api.HostingProvider;
import dev.booty.api.HostingProvider.DataCenterSpec;
import dev.booty.api.HostingProvider.HostedDataCenter;
import dev.booty.core.BootyException;
import dev.booty.core.ExitCode;
import dev.booty.core.util.Digests;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real plugin jars in a temporary plugins folder, loaded by PF4J. */
class PluginPlatformTest {
  @TempDir Path dir;
  @TempDir Path elsewhere;

  static Map<String, PluginReport> byId(List<PluginReport> reports) {
    return reports.stream().collect(Collectors.toMap(PluginReport::id, Function.identity()));
  }

  @Test
  void aGoodPluginStartsAndItsExtensionWorks() {
    PluginJar.plugin("acme").version("1.2.3").hosting("acme-cloud").writeTo(dir);
    try (PluginPlatform platform = new PluginPlatform(dir)) {
      List<PluginReport> reports = platform.load();

      assertThat(reports).hasSize(1);
      PluginReport acme = reports.getFirst();
      assertThat(acme.id()).isEqualTo("acme");
      assertThat(acme.version()).isEqualTo("1.2.3");
      assertThat(acme.state()).isEqualTo(PluginReport.STARTED);
      assertThat(acme.reason()).isNull();
      assertThat(acme.requires()).isEqualTo(ApiVersion.CURRENT.toString());
      assertThat(acme.extensions()).containsExactly("test.plugins.acme.Hosting0");

      HostingProvider hosting = platform.extension(HostingProvider.class, "acme-cloud");
      HostedDataCenter dc = hosting.provision(new DataCenterSpec("london", 2, 3, Map.of()), null);
      assertThat(dc.nomadDatacenter()).isEqualTo("acme-cloud-london");
      assertThat(dc.addresses()).containsExactly("127.0.0.2");
      assertThat(dc.attributes()).containsEntry("plugin", "acme");
    }
  }

  @Test
  void anUnknownExtensionIdIsBadUsageListingTheAvailableOnes() {
    PluginJar.plugin("acme").hosting("acme-cloud").hosting("acme-edge").writeTo(dir);
    try (PluginPlatform platform = new PluginPlatform(dir)) {
      platform.load();
      assertThat(platform.extensions(HostingProvider.class))
          .extracting(HostingProvider::id)
          .containsExactlyInAnyOrder("acme-cloud", "acme-edge");
      assertThatThrownBy(() -> platform.extension(HostingProvider.class, "fly"))
          .isInstanceOfSatisfying(
              BootyException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCode.USAGE))
          .hasMessage("no HostingProvider 'fly'; available: acme-cloud, acme-edge");
    }
  }

  @Test
  void twoPluginsOfferingTheSameIdAreAnErrorNamingBoth() {
    PluginJar.plugin("one").hosting("cloud").writeTo(dir);
    PluginJar.plugin("two").hosting("cloud").writeTo(dir);
    try (PluginPlatform platform = new PluginPlatform(dir)) {
      platform.load();
      assertThatThrownBy(() -> platform.extension(HostingProvider.class, "cloud"))
          .hasMessage("HostingProvider 'cloud' is offered by more than one plugin: one, two");
    }
  }

  @Test
  void unreadableFilesAreRefusedNamingTheFileWhileAGoodPluginStarts() {
    PluginJar.plugin("anonymous").withoutId().hosting("nobody").writeTo(dir);
    PluginJar.garbageManifest(dir, "scrambled.jar");
    PluginJar.garbage(dir, "text.jar", "this is not a zip");
    PluginJar.garbage(dir, "text.zip", "this is not a zip either");
    PluginJar.plugin("good").hosting("good").writeTo(dir);

    try (PluginPlatform platform = new PluginPlatform(dir)) {
      Map<String, PluginReport> reports = byId(platform.load());

      assertThat(reports.keySet())
          .containsExactlyInAnyOrder(
              "anonymous.jar", "scrambled.jar", "text.jar", "text.zip", "good");
      for (String file : List.of("anonymous.jar", "scrambled.jar", "text.jar", "text.zip")) {
        PluginReport r = reports.get(file);
        assertThat(r.state()).as(file).isEqualTo(PluginReport.REFUSED);
        assertThat(r.reason()).as(file).startsWith("cannot read the plugin descriptor of " + file);
        assertThat(r.file()).as(file).isEqualTo(dir.resolve(file).toString());
      }
      assertThat(reports.get("anonymous.jar").reason())
          .isEqualTo("cannot read the plugin descriptor of anonymous.jar: no Plugin-Id");
      assertThat(reports.get("scrambled.jar").reason())
          .isEqualTo(
              "cannot read the plugin descriptor of scrambled.jar: META-INF/MANIFEST.MF is not a"
                  + " manifest (invalid header field (line 1))");
      assertThat(reports.get("text.jar").reason())
          .startsWith("cannot read the plugin descriptor of text.jar: not a zip or jar (");
      assertThat(reports.get("text.zip").reason())
          .startsWith("cannot read the plugin descriptor of text.zip: not a zip or jar (");
      assertThat(reports.get("good").state()).isEqualTo(PluginReport.STARTED);
      assertThat(platform.extensions(HostingProvider.class))
          .extracting(HostingProvider::id)
          .containsExactly("good");
    }
  }

  @Test
  void aMissingDependencyFailsNamingItWhileAnotherPluginStarts() {
    PluginJar.plugin("needy").dependsOn("base").hosting("needy").writeTo(dir);
    PluginJar.plugin("good").hosting("good").writeTo(dir);

    try (PluginPlatform platform = new PluginPlatform(dir)) {
      Map<String, PluginReport> reports = byId(platform.load());

      assertThat(reports.get("needy").state()).isEqualTo(PluginReport.FAILED);
      assertThat(reports.get("needy").reason()).isEqualTo("missing dependency: base");
      assertThat(reports.get("good").state()).isEqualTo(PluginReport.STARTED);
      assertThat(platform.extensions(HostingProvider.class))
          .extracting(HostingProvider::id)
          .containsExactly("good");
    }
  }

  @Test
  void aPresentDependencyStartsBoth() {
    PluginJar.plugin("needy").dependsOn("base").hosting("needy").writeTo(dir);
    PluginJar.plugin("base").version("1.4.0").writeTo(dir);
    try (PluginPlatform platform = new PluginPlatform(dir)) {
      Map<String, PluginReport> reports = byId(platform.load());
      assertThat(reports.get("needy").state()).isEqualTo(PluginReport.STARTED);
      assertThat(reports.get("base").state()).isEqualTo(PluginReport.STARTED);
    }
  }

  @Test
  void aDependencyOfTheWrongVersionFailsNamingBothVersions() {
    PluginJar.plugin("needy").dependsOn("base@>=2.0.0").hosting("needy").writeTo(dir);
    PluginJar.plugin("base").version("1.4.0").writeTo(dir);
    try (PluginPlatform platform = new PluginPlatform(dir)) {
      Map<String, PluginReport> reports = byId(platform.load());
      assertThat(reports.get("needy").state()).isEqualTo(PluginReport.FAILED);
      assertThat(reports.get("needy").reason()).isEqualTo("needs base >=2.0.0, found 1.4.0");
      assertThat(reports.get("base").state()).isEqualTo(PluginReport.STARTED);
    }
  }

  @Test
  void aPluginWhoseStartThrowsFailsWithTheMessage() {
    PluginJar.plugin("grumpy")
        .failingStart("no API token in GRUMPY_TOKEN")
        .hosting("grumpy")
        .writeTo(dir);
    PluginJar.plugin("good").hosting("good").writeTo(dir);

    try (PluginPlatform platform = new PluginPlatform(dir)) {
      Map<String, PluginReport> reports = byId(platform.load());

      assertThat(reports.get("grumpy").state()).isEqualTo(PluginReport.FAILED);
      assertThat(reports.get("grumpy").reason())
          .isEqualTo("did not start: IllegalStateException: no API token in GRUMPY_TOKEN");
      assertThat(reports.get("good").state()).isEqualTo(PluginReport.STARTED);
      assertThat(platform.extensions(HostingProvider.class))
          .extracting(HostingProvider::id)
          .containsExactly("good");
    }
  }

  @Test
  void aPluginNeedingOneThatDidNotStartFailsNamingIt() {
    PluginJar.plugin("grumpy").failingStart("boom").writeTo(dir);
    PluginJar.plugin("needy").dependsOn("grumpy").hosting("needy").writeTo(dir);
    PluginJar.plugin("later").dependsOn("future").writeTo(dir);
    PluginJar.plugin("future").requires("2.0").writeTo(dir);
    try (PluginPlatform platform = new PluginPlatform(dir)) {
      Map<String, PluginReport> reports = byId(platform.load());
      assertThat(reports.get("needy").state()).isEqualTo(PluginReport.FAILED);
      assertThat(reports.get("needy").reason()).isEqualTo("its dependency grumpy did not start");
      assertThat(reports.get("later").reason())
          .isEqualTo(
              "its dependency future is refused: built for booty API 2.0; this booty offers API"
                  + " 1.2");
      assertThat(platform.extensions(HostingProvider.class)).isEmpty();
    }
  }

  @Test
  void pluginsNeedingEachOtherFailNamingTheCycleWhileOthersStart() {
    PluginJar.plugin("a").dependsOn("b").writeTo(dir);
    PluginJar.plugin("b").dependsOn("a").writeTo(dir);
    PluginJar.plugin("c").dependsOn("a").writeTo(dir);
    PluginJar.plugin("good").writeTo(dir);
    try (PluginPlatform platform = new PluginPlatform(dir)) {
      Map<String, PluginReport> reports = byId(platform.load());
      assertThat(reports.get("a").reason()).isEqualTo("its dependencies form a cycle among a, b");
      assertThat(reports.get("b").reason()).isEqualTo("its dependencies form a cycle among a, b");
      assertThat(reports.get("c").state()).isEqualTo(PluginReport.FAILED);
      assertThat(reports.get("c").reason()).startsWith("its dependency a is failed");
      assertThat(reports.get("good").state()).isEqualTo(PluginReport.STARTED);
    }
  }

  @Test
  void anExtensionThatCannotBeCreatedFailsItsPluginOnly() {
    PluginJar.plugin("shaky").hosting("shaky").failingExtensions("no region set").writeTo(dir);
    PluginJar.plugin("good").hosting("good").writeTo(dir);
    try (PluginPlatform platform = new PluginPlatform(dir)) {
      platform.load();
      assertThat(platform.extension(HostingProvider.class, "good").id()).isEqualTo("good");
      PluginReport shaky = byId(platform.reports()).get("shaky");
      assertThat(shaky.state()).isEqualTo(PluginReport.FAILED);
      assertThat(shaky.reason())
          .isEqualTo("its HostingProvider cannot be created: IllegalStateException: no region set");
    }
  }

  @Test
  void aPluginForAnotherApiVersionIsRefused() {
    PluginJar.plugin("future").requires("2.0").hosting("future").writeTo(dir);
    PluginJar.plugin("newer").requires("1.9").writeTo(dir);
    PluginJar.plugin("silent").requires(null).writeTo(dir);
    PluginJar.plugin("odd").requires("one").writeTo(dir);
    PluginJar.plugin("good").writeTo(dir);

    try (PluginPlatform platform = new PluginPlatform(dir)) {
      Map<String, PluginReport> reports = byId(platform.load());

      assertThat(reports.get("future").state()).isEqualTo(PluginReport.REFUSED);
      assertThat(reports.get("future").reason())
          .isEqualTo("built for booty API 2.0; this booty offers API 1.2");
      assertThat(reports.get("newer").reason())
          .isEqualTo("built for booty API 1.9; this booty offers API 1.2");
      assertThat(reports.get("silent").reason())
          .isEqualTo("declares no booty API version (Plugin-Requires: 1.2)");
      assertThat(reports.get("odd").reason())
          .isEqualTo("Plugin-Requires 'one' is not a booty API version MAJOR.MINOR");
      assertThat(reports.get("good").state()).isEqualTo(PluginReport.STARTED);
      assertThat(platform.extensions(HostingProvider.class)).isEmpty();
    }
  }

  @Test
  void aSecondFileWithTheSameIdIsRefusedNamingTheFirst() {
    PluginJar.plugin("acme").fileName("acme-1.jar").writeTo(dir);
    PluginJar.plugin("acme").fileName("acme-2.jar").version("2.0.0").writeTo(dir);
    try (PluginPlatform platform = new PluginPlatform(dir)) {
      Map<String, PluginReport> reports = byId(platform.load());
      assertThat(reports.get("acme").state()).isEqualTo(PluginReport.STARTED);
      assertThat(reports.get("acme").file()).endsWith("acme-1.jar");
      assertThat(reports.get("acme-2.jar").state()).isEqualTo(PluginReport.REFUSED);
      assertThat(reports.get("acme-2.jar").reason())
          .isEqualTo("plugin acme is already loaded from " + dir.resolve("acme-1.jar"));
    }
  }

  @Test
  void disableLastsAcrossRestartsAndEnableBringsThePluginBack() {
    PluginJar.plugin("acme").hosting("acme-cloud").writeTo(dir);
    PluginJar.plugin("good").hosting("good").writeTo(dir);

    try (PluginPlatform platform = new PluginPlatform(dir)) {
      platform.load();
      PluginReport disabled = platform.disable("acme");
      assertThat(disabled.state()).isEqualTo(PluginReport.DISABLED);
      assertThat(platform.extensions(HostingProvider.class))
          .extracting(HostingProvider::id)
          .containsExactly("good");
    }
    try (PluginPlatform platform = new PluginPlatform(dir)) {
      Map<String, PluginReport> reports = byId(platform.load());
      assertThat(reports.get("acme").state()).isEqualTo(PluginReport.DISABLED);
      assertThat(reports.get("acme").reason()).isEqualTo("'booty plugins enable acme' turns it on");
      assertThat(reports.get("good").state()).isEqualTo(PluginReport.STARTED);
      assertThat(platform.extensions(HostingProvider.class))
          .extracting(HostingProvider::id)
          .containsExactly("good");
      assertThatThrownBy(() -> platform.extension(HostingProvider.class, "acme-cloud"))
          .hasMessage("no HostingProvider 'acme-cloud'; available: good");

      PluginReport enabled = platform.enable("acme");
      assertThat(enabled.state()).isEqualTo(PluginReport.STARTED);
      assertThat(platform.extension(HostingProvider.class, "acme-cloud").id())
          .isEqualTo("acme-cloud");
    }
    try (PluginPlatform platform = new PluginPlatform(dir)) {
      assertThat(byId(platform.load()).get("acme").state()).isEqualTo(PluginReport.STARTED);
      assertThat(platform.extension(HostingProvider.class, "acme-cloud").id())
          .isEqualTo("acme-cloud");
    }
  }

  @Test
  void aBrokenPluginCanBeDisabledSoItIsNoLongerReportedBroken() {
    PluginJar.plugin("future").requires("2.0").writeTo(dir);
    PluginJar.plugin("needy").dependsOn("base").writeTo(dir);
    try (PluginPlatform platform = new PluginPlatform(dir)) {
      platform.load();
      assertThat(platform.disable("future").state()).isEqualTo(PluginReport.DISABLED);
      assertThat(platform.disable("needy").state()).isEqualTo(PluginReport.DISABLED);
    }
    try (PluginPlatform platform = new PluginPlatform(dir)) {
      assertThat(platform.load())
          .extracting(PluginReport::state)
          .containsOnly(PluginReport.DISABLED);
      PluginReport back = platform.enable("future");
      assertThat(back.state()).isEqualTo(PluginReport.REFUSED);
      assertThat(back.reason()).isEqualTo("built for booty API 2.0; this booty offers API 1.2");
    }
  }

  @Test
  void enablingOrDisablingAnUnknownIdIsBadUsageListingTheInstalledOnes() {
    PluginJar.plugin("acme").writeTo(dir);
    PluginJar.garbage(dir, "text.jar", "not a zip");
    try (PluginPlatform platform = new PluginPlatform(dir)) {
      platform.load();
      for (var action :
          List.<Function<String, PluginReport>>of(platform::enable, platform::disable)) {
        assertThatThrownBy(() -> action.apply("acne"))
            .isInstanceOfSatisfying(
                BootyException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCode.USAGE))
            .hasMessage("no plugin 'acne'; installed: acme, text.jar");
      }
      assertThatThrownBy(() -> platform.disable("text.jar"))
          .hasMessageStartingWith("text.jar has no readable plugin descriptor");
    }
  }

  @Test
  void installingABrokenFileLeavesTheFolderAsItWas() throws IOException {
    PluginJar.plugin("acme").writeTo(dir);
    try (PluginPlatform platform = new PluginPlatform(dir)) {
      platform.load();
      platform.disable("acme");
    }
    List<String> before = listing(dir);
    Path future = PluginJar.plugin("future").requires("2.0").writeTo(elsewhere);
    Path text = PluginJar.garbage(elsewhere, "text.jar", "not a zip");
    Path anonymous = PluginJar.plugin("anon").withoutId().fileName("anon.jar").writeTo(elsewhere);

    try (PluginPlatform platform = new PluginPlatform(dir)) {
      assertThatThrownBy(() -> platform.install(future))
          .hasMessage(
              "plugin future ("
                  + future
                  + ") refused: built for booty API 2.0; this booty offers API 1.2");
      assertThatThrownBy(() -> platform.install(text))
          .hasMessageStartingWith(
              "plugin text.jar ("
                  + text
                  + ") refused: cannot read the plugin descriptor of text.jar");
      assertThatThrownBy(() -> platform.install(anonymous)).hasMessageContaining("Plugin-Id");
      assertThatThrownBy(() -> platform.install(elsewhere.resolve("absent.jar")))
          .isInstanceOfSatisfying(
              BootyException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCode.USAGE))
          .hasMessage("no plugin file " + elsewhere.resolve("absent.jar"));
      Path renamed = Files.copy(future, elsewhere.resolve("future.bin"));
      assertThatThrownBy(() -> platform.install(renamed))
          .hasMessage("a plugin file is a .jar or a .zip, not " + renamed);
    }
    assertThat(listing(dir)).isEqualTo(before);
  }

  @Test
  void installingAGoodFileAddsItAndItStartsOnTheNextLoad() throws IOException {
    PluginJar.plugin("acme").writeTo(dir);
    Path fresh = PluginJar.plugin("fresh").version("0.3.0").hosting("fresh").writeTo(elsewhere);
    try (PluginPlatform platform = new PluginPlatform(dir)) {
      PluginReport r = platform.install(fresh);
      assertThat(r.id()).isEqualTo("fresh");
      assertThat(r.version()).isEqualTo("0.3.0");
      assertThat(r.file()).isEqualTo(dir.resolve("fresh.jar").toString());
    }
    assertThat(names(dir)).containsExactly("acme.jar", "fresh.jar");
    assertThat(Files.mismatch(fresh, dir.resolve("fresh.jar"))).isEqualTo(-1);
    try (PluginPlatform platform = new PluginPlatform(dir)) {
      assertThat(byId(platform.load()).get("fresh").state()).isEqualTo(PluginReport.STARTED);
      assertThat(platform.extension(HostingProvider.class, "fresh").id()).isEqualTo("fresh");
    }
  }

  @Test
  void installingANewerFileOfAnInstalledPluginReplacesTheOlderFile() throws IOException {
    PluginJar.plugin("acme").fileName("acme-1.0.0.jar").writeTo(dir);
    PluginJar.plugin("other").writeTo(dir);
    Path newer =
        PluginJar.plugin("acme").version("1.1.0").fileName("acme-1.1.0.jar").writeTo(elsewhere);
    try (PluginPlatform platform = new PluginPlatform(dir)) {
      platform.install(newer);
    }
    assertThat(names(dir)).containsExactly("acme-1.1.0.jar", "other.jar");
    try (PluginPlatform platform = new PluginPlatform(dir)) {
      assertThat(byId(platform.load()).get("acme").version()).isEqualTo("1.1.0");
    }
  }

  /** Every file and folder under {@code dir}, files with their size and digest. */
  static List<String> listing(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(p -> !p.equals(dir))
          .map(
              p -> {
                try {
                  return dir.relativize(p)
                      + (Files.isRegularFile(p)
                          ? " " + Files.size(p) + " " + Digests.sha256(p)
                          : "/");
                } catch (IOException e) {
                  throw new java.io.UncheckedIOException(e);
                }
              })
          .sorted()
          .toList();
    }
  }

  static List<String> names(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }
}
