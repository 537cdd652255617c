package dev.booty.dist;

import static org.assertj.core.api.Assertions.assertThat;

import dev.booty.api.ApiVersion;
import dev.booty.api.BootyExtension;
import dev.booty.api.NomadJob;
import dev.booty.core.plugin.PluginPlatform;
import dev.booty.core.plugin.PluginReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every plugin the distribution ships, that is every module under plugins/ (collected without
 * naming it anywhere), loaded as booty loads it: it starts on this booty's API with its extensions,
 * and each job template its jar carries is read from that jar through the plugin's class loader.
 */
class BundledPluginsIT {
  @TempDir Path dir;

  @Test
  void everyShippedPluginStartsAndReadsItsJobTemplatesFromItsOwnJar() throws IOException {
    List<Path> jars;
    try (Stream<Path> files = Files.list(Distribution.ROOT.resolve("plugins"))) {
      jars = files.sorted().toList();
    }
    assertThat(jars)
        .map(p -> p.getFileName().toString())
        .contains(
            "booty-plugin-chaos.jar",
            "booty-plugin-cloud-dns.jar",
            "booty-plugin-local-hosting.jar",
            "booty-plugin-nats-cluster.jar",
            "booty-plugin-powerdns.jar",
            // with its own libraries (MINA SSHD) in lib/: PF4J's zip form
            "booty-plugin-ssh-hosting.zip",
            // an executable plugin: a folder with plugin.yaml and lib/
            "exec-chaos");
    for (Path jar : jars) {
      copyTree(jar, dir.resolve(jar.getFileName()));
    }

    Map<String, List<String>> templates = new TreeMap<>();
    try (PluginPlatform platform = new PluginPlatform(dir)) {
      List<PluginReport> reports = platform.load();
      assertThat(reports).hasSameSizeAs(jars);
      List<BootyExtension> extensions = platform.extensions(BootyExtension.class);
      for (PluginReport r : reports) {
        if (r.kind().equals(PluginReport.EXEC)) {
          // described by its plugin.yaml, started at its first use (OutOfProcessPluginIT runs it)
          assertThat(r.state()).as(r.id() + ": " + r.reason()).isEqualTo(PluginReport.READY);
          assertThat(r.requires()).isEqualTo(ApiVersion.CURRENT.toString());
          assertThat(r.extensions()).as(r.id()).isNotEmpty();
          templates.put(r.id(), List.of());
          continue;
        }
        assertThat(r.state()).as(r.id() + ": " + r.reason()).isEqualTo(PluginReport.STARTED);
        assertThat(r.requires()).isEqualTo(ApiVersion.CURRENT.toString());
        assertThat(r.extensions()).as(r.id()).isNotEmpty();
        Class<?> owner =
            extensions.stream()
                .map(Object::getClass)
                .filter(c -> c.getName().equals(r.extensions().getFirst()))
                .findFirst()
                .orElseThrow();
        // a zip plugin is unpacked by PF4J; only the jar plugins carry job templates
        List<String> carried =
            r.file().endsWith(".jar") ? jobTemplates(Path.of(r.file())) : List.of();
        for (String resource : carried) {
          assertThat(owner.getResource(resource))
              .hasToString("jar:" + Path.of(r.file()).toUri().toURL() + "!" + resource);
          assertThat(NomadJob.template(owner, resource)).contains("job \"");
        }
        templates.put(r.id(), carried);
      }
    }
    assertThat(templates)
        .containsEntry(
            "local-hosting", List.of("/jobs/local-dc.nomad.hcl", "/jobs/local-wan.nomad.hcl"))
        .containsEntry("nats-cluster", List.of("/jobs/nats-cluster.nomad.hcl"))
        .containsEntry("powerdns", List.of("/jobs/powerdns.nomad.hcl"))
        .containsEntry("cloud-dns", List.of())
        .containsEntry("ssh-hosting", List.of())
        .containsEntry("exec-chaos", List.of());
  }

  /** A file, or a folder with everything in it (an executable plugin), modes kept. */
  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> all = Files.walk(from)) {
      for (Path p : all.toList()) {
        Files.copy(
            p,
            to.resolve(from.relativize(p).toString()),
            java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
      }
    }
  }

  private static List<String> jobTemplates(Path jar) throws IOException {
    try (JarFile file = new JarFile(jar.toFile())) {
      return file.stream()
          .map(e -> "/" + e.getName())
          .filter(n -> n.startsWith("/jobs/") && n.endsWith(".nomad.hcl"))
          .sorted()
          .toList();
    }
  }
}
