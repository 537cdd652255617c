package dev.booty.core.plugin;

import dev.booty.core.BootyException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/** The files of a plugins folder, and what is wrong with one PF4J cannot read. */
final class PluginFiles {
  private PluginFiles() {}

  /** The plugin files of a folder: zips and jars, hidden (temporary) files left out. */
  static List<Path> list(Path dir) {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(
              p -> {
                String n = p.getFileName().toString();
                return Files.isRegularFile(p)
                    && !n.startsWith(".")
                    && (n.endsWith(".zip") || n.endsWith(".jar"));
              })
          .sorted()
          .toList();
    } catch (IOException e) {
      throw BootyException.failure("cannot list " + dir + ": " + e.getMessage());
    }
  }

  /** Why PF4J cannot read the file's descriptor, in the plugin author's terms. */
  static String whyUnreadable(Path file, String pf4jMessage) {
    String message =
        pf4jMessage
            .replace("InvalidPluginDescriptorException: Field 'id' cannot be empty", "no Plugin-Id")
            .replace(
                "InvalidPluginDescriptorException: Field 'version' cannot be empty",
                "no Plugin-Version");
    if (!message.contains("No PluginDescriptorFinder")) {
      return message;
    }
    // PF4J only says no descriptor finder applied; look inside
    try (ZipFile zip = new ZipFile(file.toFile())) {
      ZipEntry manifest = zip.getEntry("META-INF/MANIFEST.MF");
      if (manifest == null) {
        return zip.getEntry("plugin.properties") == null
            ? "it has neither META-INF/MANIFEST.MF nor plugin.properties"
            : message;
      }
      try (InputStream in = zip.getInputStream(manifest)) {
        return new Manifest(in).getMainAttributes().getValue("Plugin-Id") == null
            ? "no Plugin-Id in META-INF/MANIFEST.MF"
            : message;
      } catch (IOException e) {
        return "META-INF/MANIFEST.MF is not a manifest (" + e.getMessage() + ")";
      }
    } catch (IOException e) {
      return "not a zip or jar (" + e.getMessage() + ")";
    }
  }
}
