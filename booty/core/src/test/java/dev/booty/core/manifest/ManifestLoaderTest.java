package dev.booty.core.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.booty.core.BootyException;
import dev.booty.core.ExitCode;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ManifestLoaderTest {

  private static final String GOOD =
      """
      manifestVersion: 1
      components:
        demo:
          description: a demo
          binary: demo
          default: 1.2.3
          versions: [1.2.3, 1.0.0]
          platforms: [linux/amd64]
          versionCheck: {args: [--version], expect: "demo v{version}"}
          sources:
            go: {module: example.com/demo, main: example.com/demo, ldflags: "", tags: ""}
      """;

  private static Manifest parse(String yaml) {
    return ManifestLoader.parse(yaml.getBytes(StandardCharsets.UTF_8), "test.yaml");
  }

  @Test
  void builtInManifestLoadsAndEveryDefaultIsAKnownVersion() {
    Manifest m = ManifestLoader.builtIn();
    assertThat(m.manifestVersion()).isEqualTo(Manifest.FORMAT);
    assertThat(m.components())
        .containsKeys(
            "nomad",
            "consul",
            "nats-server",
            "natscli",
            "toxiproxy",
            "caddy",
            "victoria-metrics",
            "pdns-server");
    m.components()
        .values()
        .forEach(c -> assertThat(c.versions()).as(c.name()).contains(c.defaultVersion()));
  }

  @Test
  void parsesComponentsWithTheirNames() {
    ComponentSpec demo = parse(GOOD).component("demo");
    assertThat(demo.name()).isEqualTo("demo");
    assertThat(demo.versionCheck().expected("1.0.0")).isEqualTo("demo v1.0.0");
    assertThat(demo.sources().release()).isNull();
    assertThat(demo.sources().go().module()).isEqualTo("example.com/demo");
  }

  @Test
  void aSystemPackageMayBringCompanionsAndWrapperArguments() {
    ComponentSpec.SystemPackage plain =
        parse(
                GOOD.replace(
                    "    go: {", "    system: {debian: demo, path: /usr/bin/demo}\n      go: {"))
            .component("demo")
            .sources()
            .system();
    assertThat(plain.with()).isEmpty();
    assertThat(plain.args()).isEmpty();
    assertThat(plain.bundled()).isFalse();

    ComponentSpec.SystemPackage pdns =
        ManifestLoader.builtIn().component("pdns-server").sources().system();
    assertThat(pdns.debian()).isEqualTo("pdns-server");
    assertThat(pdns.path()).isEqualTo("/usr/sbin/pdns_server");
    assertThat(pdns.with())
        .containsExactly("pdns-backend-bind", "libluajit-5.1-2", "libluajit-5.1-common");
    assertThat(pdns.args()).containsExactly("--module-dir={root}/usr/lib/x86_64-linux-gnu/pdns");
    assertThat(pdns.bundled()).isTrue();
    ComponentSpec spec = ManifestLoader.builtIn().component("pdns-server");
    assertThat(spec.sources().release()).isNull();
    assertThat(spec.sources().go()).isNull();
    assertThat(spec.versionCheck().expected("4.7.3"))
        .isEqualTo("PowerDNS Authoritative Server 4.7.3");
  }

  @Test
  void wrapperArgumentsWithoutCompanionsAreRefused() {
    String yaml =
        GOOD.replace(
            "    go: {",
            "    system: {debian: demo, path: /usr/bin/demo, args: [--x]}\n      go: {");
    assertThatThrownBy(() -> parse(yaml))
        .hasMessageContaining("components.demo")
        .hasMessageContaining("'sources.system.args' needs 'sources.system.with'");
  }

  @Test
  void unknownKeyNamesFileLineAndKey() {
    String typo = GOOD.replace("binary: demo", "binray: demo");
    assertThatThrownBy(() -> parse(typo))
        .isInstanceOf(BootyException.class)
        .hasMessageContaining("test.yaml:5:")
        .hasMessageContaining("unknown key 'binray'")
        .hasMessageContaining("components.demo");
  }

  @Test
  void missingKeyIsNamed() {
    assertThatThrownBy(() -> parse(GOOD.replace("    binary: demo\n", "")))
        .hasMessageContaining("test.yaml: components.demo: missing key(s) binary");
  }

  @Test
  void defaultMustBeAKnownVersion() {
    assertThatThrownBy(() -> parse(GOOD.replace("default: 1.2.3", "default: 9.9.9")))
        .hasMessageContaining("components.demo")
        .hasMessageContaining("'default' 9.9.9 is not among 'versions'");
  }

  @Test
  void unsupportedFormatVersionIsRefused() {
    assertThatThrownBy(() -> parse(GOOD.replace("manifestVersion: 1", "manifestVersion: 7")))
        .hasMessageContaining("manifestVersion 7 is not supported");
  }

  @Test
  void unknownComponentAndVersionAreUsageErrorsListingWhatExists() {
    Manifest m = parse(GOOD);
    assertThatThrownBy(() -> m.component("nope"))
        .isInstanceOf(BootyException.class)
        .hasMessage("unknown component 'nope'; available: demo")
        .extracting(e -> ((BootyException) e).exitCode())
        .isEqualTo(ExitCode.USAGE);
    assertThatThrownBy(() -> m.resolveVersion(m.component("demo"), "2.0.0"))
        .hasMessage("unknown version '2.0.0' of demo; available: 1.2.3 (default), 1.0.0");
    assertThat(m.resolveVersion(m.component("demo"), "v1.0.0")).isEqualTo("1.0.0");
    assertThat(m.resolveVersion(m.component("demo"), null)).isEqualTo("1.2.3");
  }

  @Test
  void componentRefParsing() {
    assertThat(ComponentRef.parse("nats-server@2.10.1"))
        .isEqualTo(new ComponentRef("nats-server", "2.10.1"));
    assertThat(ComponentRef.parse("nomad")).isEqualTo(new ComponentRef("nomad", null));
    assertThatThrownBy(() -> ComponentRef.parse("nomad@"))
        .hasMessageContaining("nothing after '@'");
    assertThatThrownBy(() -> ComponentRef.parse("@1.0")).hasMessageContaining("no component name");
  }
}
