package dev.booty.core.source;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ChecksumsTest {
  private static final String A = "a".repeat(64);
  private static final String B = "B".repeat(64);

  @Test
  void findsTheLineOfTheFileInSha256sumFormat() {
    String file = A + "  nomad_1.0.0_linux_arm64.zip\n" + B + "  nomad_1.0.0_linux_amd64.zip\n";
    assertThat(Checksums.find(file, "nomad_1.0.0_linux_amd64.zip")).contains("b".repeat(64));
    assertThat(Checksums.find(file, "nomad_1.0.0_darwin_amd64.zip")).isEmpty();
  }

  @Test
  void acceptsBinaryModeMarkerAndSha512() {
    String sha512 = "c".repeat(128);
    assertThat(Checksums.find(sha512 + " *caddy.tar.gz\r\n", "caddy.tar.gz")).contains(sha512);
  }

  @Test
  void ignoresMalformedLines() {
    assertThat(Checksums.find("xyz  file.zip\n# comment\n\n", "file.zip")).isEmpty();
  }

  @Test
  void debianVersionsMapToUpstream() {
    assertThat(SystemPackageFetcher.upstream("2.9.10-1")).isEqualTo("2.9.10");
    assertThat(SystemPackageFetcher.upstream("1:2.6.2+ds-1~bpo12+1")).isEqualTo("2.6.2");
    assertThat(SystemPackageFetcher.upstream("1.79.5+ds1-2")).isEqualTo("1.79.5");
  }
}
