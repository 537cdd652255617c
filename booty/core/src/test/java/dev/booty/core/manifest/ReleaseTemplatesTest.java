package dev.booty.core.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.booty.core.manifest.ComponentSpec.Release;
import org.junit.jupiter.api.Test;

/** The built-in manifest's release URLs, as the publishers name their assets. */
class ReleaseTemplatesTest {
  static final Manifest MANIFEST = ManifestLoader.builtIn();

  static String url(String component, String version, String platform, boolean checksums) {
    Release r = MANIFEST.component(component).sources().release();
    return r.expand(
        checksums ? r.checksums() : r.url(), r.base(), version, Platform.parse(platform));
  }

  @Test
  void hashicorpReleases() {
    assertThat(url("nomad", "1.10.5", "linux/amd64", false))
        .isEqualTo("https://releases.hashicorp.com/nomad/1.10.5/nomad_1.10.5_linux_amd64.zip");
    assertThat(url("consul", "1.20.6", "darwin/arm64", true))
        .isEqualTo("https://releases.hashicorp.com/consul/1.20.6/consul_1.20.6_SHA256SUMS");
  }

  @Test
  void githubReleases() {
    assertThat(url("nats-server", "2.11.17", "linux/arm64", false))
        .isEqualTo(
            "https://github.com/nats-io/nats-server/releases/download/v2.11.17/nats-server-v2.11.17-linux-arm64.tar.gz");
    assertThat(url("toxiproxy", "2.12.0", "linux/amd64", true))
        .isEqualTo("https://github.com/Shopify/toxiproxy/releases/download/v2.12.0/checksums.txt");
    assertThat(url("victoria-metrics", "1.122.0", "linux/amd64", false))
        .endsWith("/v1.122.0/victoria-metrics-linux-amd64-v1.122.0.tar.gz");
  }

  @Test
  void caddyNamesDarwinMac() {
    assertThat(url("caddy", "2.10.2", "darwin/arm64", false))
        .endsWith("/caddy_2.10.2_mac_arm64.tar.gz");
    assertThat(url("caddy", "2.10.2", "linux/amd64", false))
        .endsWith("/caddy_2.10.2_linux_amd64.tar.gz");
  }
}
