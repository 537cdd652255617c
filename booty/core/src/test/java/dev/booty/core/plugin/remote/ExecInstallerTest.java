package dev.booty.core.plugin.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.booty.core.plugin.BundledPlugins;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExecInstallerTest {
  @TempDir Path tmp;

  static final String YAML =
      """
      id: tool
      version: 1.0.0
      requires: "1.2"
      command: ["./run.sh"]
      extensions: {chaos: [tool]}
      """;

  @Test
  void aTarGzOfOneFolderIsStagedWithItsFileModes() throws Exception {
    Path archive = tmp.resolve("tool.tar.gz");
    try (OutputStream out = Files.newOutputStream(archive);
        TarArchiveOutputStream tar =
            new TarArchiveOutputStream(new GzipCompressorOutputStream(out))) {
      add(tar, "tool/plugin.yaml", YAML, 0644);
      add(tar, "tool/run.sh", "#!/bin/sh\n", 0755);
    }
    Path plugins = Files.createDirectories(tmp.resolve("plugins"));

    ExecDescriptor staged = ExecInstaller.stage(archive, plugins);
    Path installed = ExecInstaller.commit(staged, plugins);

    assertThat(installed).isEqualTo(plugins.resolve("tool"));
    assertThat(staged.command()).containsExactly("./run.sh");
    assertThat(
            PosixFilePermissions.toString(
                Files.getPosixFilePermissions(installed.resolve("run.sh"))))
        .isEqualTo("rwxr-xr-x");
    try (var files = Files.list(plugins)) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly("tool");
    }
  }

  @Test
  void somethingWithoutDescriptorIsRefusedAndLeavesNothing() throws Exception {
    Path folder = Files.createDirectories(tmp.resolve("empty"));
    Files.writeString(folder.resolve("README"), "no descriptor here");
    Path plugins = Files.createDirectories(tmp.resolve("plugins"));
    assertThatThrownBy(() -> ExecInstaller.stage(folder, plugins))
        .hasMessage(folder + " holds no plugin.yaml (at its top or in its one folder)");
    try (var files = Files.list(plugins)) {
      assertThat(files).isEmpty();
    }
  }

  @Test
  void bundledFoldersAreCopiedWhenTheyDiffer() throws Exception {
    Path bundled = Files.createDirectories(tmp.resolve("bundled/tool"));
    Files.writeString(bundled.resolve("plugin.yaml"), YAML);
    Path plugins = tmp.resolve("home-plugins");

    assertThat(BundledPlugins.sync(bundled.getParent(), plugins)).containsExactly("tool/");
    assertThat(BundledPlugins.sync(bundled.getParent(), plugins)).isEmpty();
    Files.writeString(bundled.resolve("plugin.yaml"), YAML.replace("1.0.0", "1.0.1"));
    assertThat(BundledPlugins.sync(bundled.getParent(), plugins)).containsExactly("tool/");
    assertThat(Files.readString(plugins.resolve("tool/plugin.yaml"))).contains("1.0.1");
  }

  private static void add(TarArchiveOutputStream tar, String name, String text, int mode)
      throws Exception {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    TarArchiveEntry e = new TarArchiveEntry(name);
    e.setSize(bytes.length);
    e.setMode(mode);
    tar.putArchiveEntry(e);
    tar.write(bytes);
    tar.closeArchiveEntry();
  }
}
