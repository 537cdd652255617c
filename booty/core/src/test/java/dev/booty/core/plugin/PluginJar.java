package dev.booty.core.plugin;

import dev.booty.api.ApiVersion;
import dev.booty.api.HostingProvider;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.pf4j.ExtensionPoint;

/**
 * Builds a real PF4J plugin jar, as pf4j's own {@code PluginJar} does: Java sources compiled
 * against booty-api and pf4j with the JDK's compiler, a {@code META-INF/MANIFEST.MF} with the
 * plugin's descriptor and a {@code META-INF/extensions.idx} naming its extensions.
 *
 * <pre>
 * Path jar = PluginJar.plugin("acme").hosting("acme-dc").writeTo(dir);
 * </pre>
 */
public final class PluginJar {
  private final String id;
  private String fileName;
  private String version = "1.0.0";
  private String requires = ApiVersion.CURRENT.toString();
  private final List<String> dependencies = new ArrayList<>();
  private final List<String> hostings = new ArrayList<>();
  private final Map<String, String> extensions = new LinkedHashMap<>();
  private final Map<String, String> manifest = new LinkedHashMap<>();
  private String startFailure;
  private String constructionFailure;
  private boolean withId = true;

  private PluginJar(String id) {
    this.id = id;
    this.fileName = id + ".jar";
  }

  /** A plugin with this {@code Plugin-Id}, version 1.0.0, for this booty's API, in ID.jar. */
  public static PluginJar plugin(String id) {
    return new PluginJar(id);
  }

  public PluginJar fileName(String name) {
    this.fileName = name;
    return this;
  }

  public PluginJar version(String version) {
    this.version = version;
    return this;
  }

  /** {@code Plugin-Requires}; null leaves it out. */
  public PluginJar requires(String apiVersion) {
    this.requires = apiVersion;
    return this;
  }

  /** {@code Plugin-Dependencies}, e.g. {@code base} or {@code base@>=1.0}. */
  public PluginJar dependsOn(String... ids) {
    dependencies.addAll(List.of(ids));
    return this;
  }

  /**
   * Contributes a {@link HostingProvider} with this id; its {@code provision} answers a data centre
   * named {@code ID-NAME} with address {@code 127.0.0.INDEX}.
   */
  public PluginJar hosting(String extensionId) {
    hostings.add(extensionId);
    return this;
  }

  /**
   * Adds an extension class written out in full, without its package line (it goes in this plugin's
   * package): for extension points other than hosting.
   */
  public PluginJar extension(String simpleName, String source) {
    extensions.put(simpleName, source);
    return this;
  }

  /** Adds a {@code Plugin-Class} whose {@code start()} throws with this message. */
  public PluginJar failingStart(String message) {
    this.startFailure = message;
    return this;
  }

  /** Makes the extensions' constructors throw with this message. */
  public PluginJar failingExtensions(String message) {
    this.constructionFailure = message;
    return this;
  }

  /** Leaves {@code Plugin-Id} out of the manifest. */
  public PluginJar withoutId() {
    this.withId = false;
    return this;
  }

  /** Any other manifest entry. */
  public PluginJar manifest(String key, String value) {
    manifest.put(key, value);
    return this;
  }

  /** Writes a file of these bytes: for files that are not plugins at all. */
  public static Path garbage(Path dir, String fileName, String content) {
    try {
      Files.createDirectories(dir);
      return Files.writeString(dir.resolve(fileName), content);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A jar whose {@code META-INF/MANIFEST.MF} is not a manifest. */
  public static Path garbageManifest(Path dir, String fileName) {
    try {
      Files.createDirectories(dir);
      Path jar = dir.resolve(fileName);
      try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
        out.putNextEntry(new JarEntry("META-INF/MANIFEST.MF"));
        out.write(":::: not a manifest\n\u0000\u0001 Plugin-Id\n".getBytes(StandardCharsets.UTF_8));
        out.closeEntry();
      }
      return jar;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Compiles and writes the jar into {@code dir}; returns its path. */
  public Path writeTo(Path dir) {
    Path work = null;
    try {
      Files.createDirectories(dir);
      work = Files.createTempDirectory("plugin-jar-");
      Map<String, String> sources = sources();
      Path classes = compile(work, sources);
      Path jar = dir.resolve(fileName);
      try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest())) {
        try (Stream<Path> files = Files.walk(classes)) {
          for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
            out.putNextEntry(new JarEntry(classes.relativize(f).toString().replace('\\', '/')));
            Files.copy(f, out);
            out.closeEntry();
          }
        }
        out.putNextEntry(new JarEntry("META-INF/extensions.idx"));
        write(out, String.join("\n", extensionClasses()) + "\n");
        out.closeEntry();
      }
      return jar;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      deleteQuietly(work);
    }
  }

  private static void deleteQuietly(Path work) {
    try {
      if (work != null) {
        dev.booty.core.util.FileTrees.deleteRecursively(work);
      }
    } catch (IOException ignored) {
      // a temp folder
    }
  }

  private String pkg() {
    return "test.plugins." + id.replaceAll("[^A-Za-z0-9]", "_");
  }

  private String pluginClassName() {
    return pkg() + ".TestPlugin";
  }

  private List<String> extensionClasses() {
    List<String> names = new ArrayList<>();
    for (int i = 0; i < hostings.size(); i++) {
      names.add(pkg() + ".Hosting" + i);
    }
    extensions.keySet().forEach(n -> names.add(pkg() + "." + n));
    return names;
  }

  private Map<String, String> sources() {
    Map<String, String> sources = new LinkedHashMap<>();
    for (int i = 0; i < hostings.size(); i++) {
      sources.put(
          "Hosting" + i,
          """
          package %s;

          import dev.booty.api.HostingProvider;
          import dev.booty.api.PluginContext;
          import java.util.List;
          import java.util.Map;

          public class Hosting%d implements HostingProvider {
            public Hosting%d() {
              %s
            }

            public String id() {
              return "%s";
            }

            public HostedDataCenter provision(DataCenterSpec dc, PluginContext context) {
              return new HostedDataCenter(
                  dc.name(), "%s-" + dc.name(), List.of("127.0.0." + dc.index()), Map.of("plugin", "%s"));
            }

            public void release(String dataCenter, PluginContext context) {}
          }
          """
              .formatted(
                  pkg(),
                  i,
                  i,
                  constructionFailure == null
                      ? ""
                      : "throw new IllegalStateException(" + quoted(constructionFailure) + ");",
                  hostings.get(i),
                  hostings.get(i),
                  id));
    }
    extensions.forEach((name, source) -> sources.put(name, "package " + pkg() + ";\n" + source));
    if (startFailure != null) {
      sources.put(
          "TestPlugin",
          """
          package %s;

          public class TestPlugin extends org.pf4j.Plugin {
            @Override
            public void start() {
              throw new IllegalStateException(%s);
            }
          }
          """
              .formatted(pkg(), quoted(startFailure)));
    }
    return sources;
  }

  private static String quoted(String text) {
    return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  private Path compile(Path work, Map<String, String> sources) throws IOException {
    Path src = work.resolve("src");
    Path classes = work.resolve("classes");
    Files.createDirectories(classes);
    List<String> args = new ArrayList<>();
    args.addAll(
        List.of(
            "-proc:none",
            "-d",
            classes.toString(),
            "-cp",
            location(HostingProvider.class)
                + java.io.File.pathSeparator
                + location(ExtensionPoint.class)));
    for (Map.Entry<String, String> s : sources.entrySet()) {
      Path file = src.resolve(pkg().replace('.', '/')).resolve(s.getKey() + ".java");
      Files.createDirectories(file.getParent());
      Files.writeString(file, s.getValue());
      args.add(file.toString());
    }
    if (sources.isEmpty()) {
      return classes;
    }
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    if (javac == null) {
      throw new IllegalStateException("tests need a JDK (javax.tools.JavaCompiler)");
    }
    ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
    int rc = javac.run(null, diagnostics, diagnostics, args.toArray(String[]::new));
    if (rc != 0) {
      throw new IllegalStateException(
          "plugin " + id + " does not compile:\n" + diagnostics.toString(StandardCharsets.UTF_8));
    }
    return classes;
  }

  private Manifest manifest() {
    Manifest m = new Manifest();
    Attributes a = m.getMainAttributes();
    a.put(Attributes.Name.MANIFEST_VERSION, "1.0");
    if (withId) {
      a.putValue("Plugin-Id", id);
    }
    a.putValue("Plugin-Version", version);
    if (requires != null) {
      a.putValue("Plugin-Requires", requires);
    }
    if (!dependencies.isEmpty()) {
      a.putValue("Plugin-Dependencies", String.join(", ", dependencies));
    }
    if (startFailure != null) {
      a.putValue("Plugin-Class", pluginClassName());
    }
    a.putValue("Plugin-Provider", "booty tests");
    a.putValue("Plugin-Description", "test plugin " + id);
    manifest.forEach(a::putValue);
    return m;
  }

  private static String location(Class<?> type) {
    try {
      return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void write(OutputStream out, String text) throws IOException {
    out.write(text.getBytes(StandardCharsets.UTF_8));
  }
}
