package dev.booty.plugins.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.booty.api.HostingProvider;
import dev.booty.api.HostingProvider.DataCenterSpec;
import dev.booty.core.home.BootyHome;
import dev.booty.core.plugin.PluginPlatform;
import dev.booty.core.plugin.PluginReport;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pf4j.CompoundPluginDescriptorFinder;
import org.pf4j.DefaultPluginLoader;
import org.pf4j.DefaultPluginManager;
import org.pf4j.ManifestPluginDescriptorFinder;
import org.pf4j.PluginClassLoader;
import org.pf4j.PluginDescriptor;
import org.pf4j.PluginLoader;
import org.pf4j.PluginManager;
import org.pf4j.PluginState;
import org.pf4j.PluginWrapper;
import org.pf4j.PropertiesPluginDescriptorFinder;

/**
 * The packaged plugin, as booty gets it in its distribution: the one file in {@code
 * plugins/target/dist-plugins}, loaded by PF4J from a plugins folder. MINA SSHD must come from the
 * plugin's own {@code lib/}, and work there: the extension logs in to a real sshd test host.
 */
class PackagedPluginIT {
  private static final Path DIST = Path.of("../target/dist-plugins");

  @TempDir Path tmp;
  @AutoClose SshTestHosts hosts = SshTestHosts.start("127.0.91.", 1);
  private PluginManager plugins;

  @AfterEach
  void unload() {
    Thread.currentThread().setContextClassLoader(getClass().getClassLoader());
    if (plugins != null) {
      plugins.unloadPlugins();
    }
  }

  @Test
  void theZipLoadsWithItsOwnMinaSshdAndReachesAHost() throws Exception {
    List<Path> shipped;
    try (var files = Files.list(DIST)) {
      shipped =
          files.filter(f -> f.getFileName().toString().contains("ssh-hosting")).sorted().toList();
    }
    assertThat(shipped)
        .extracting(f -> f.getFileName().toString())
        .containsExactly("booty-plugin-ssh-hosting.zip");
    // booty reads a plugin file's descriptor before installing it: PF4J's finders, on the zip
    PluginDescriptor descriptor =
        new CompoundPluginDescriptorFinder()
            .add(new PropertiesPluginDescriptorFinder())
            .add(new ManifestPluginDescriptorFinder())
            .find(shipped.get(0));
    assertThat(descriptor.getPluginId()).isEqualTo("ssh-hosting");
    assertThat(descriptor.getRequires()).isEqualTo("1.2");
    Path folder = Files.createDirectories(tmp.resolve("plugins"));
    Files.copy(shipped.get(0), folder.resolve("booty-plugin-ssh-hosting.zip"));

    ClassLoader booty = new WithoutMinaSshd(getClass().getClassLoader());
    plugins = bootyLike(folder, booty);
    Thread.currentThread().setContextClassLoader(booty);
    plugins.loadPlugins();
    plugins.startPlugins();
    PluginWrapper plugin = plugins.getPlugin("ssh-hosting");
    assertThat(plugin).as("plugin ssh-hosting loaded from " + folder).isNotNull();
    assertThat(plugin.getPluginState()).isEqualTo(PluginState.STARTED);
    assertThat(plugin.getDescriptor().getRequires()).isEqualTo("1.2");

    List<HostingProvider> providers = plugins.getExtensions(HostingProvider.class, "ssh-hosting");
    assertThat(providers).extracting(HostingProvider::id).containsExactly("ssh");
    HostingProvider ssh = providers.get(0);
    ClassLoader loader = ssh.getClass().getClassLoader();
    assertThat(loader).isSameAs(plugin.getPluginClassLoader());

    // MINA SSHD from the plugin's lib/, not from this test's class path
    assertThatThrownBy(() -> booty.loadClass("org.apache.sshd.client.SshClient"))
        .isInstanceOf(ClassNotFoundException.class);
    Class<?> client = loader.loadClass("org.apache.sshd.client.SshClient");
    assertThat(client.getClassLoader()).isSameAs(loader);
    assertThat(client.getProtectionDomain().getCodeSource().getLocation().getPath())
        .contains("/plugins/booty-plugin-ssh-hosting/lib/sshd-core-");
    Object instance = client.getMethod("setUpDefaultClient").invoke(null);
    assertThat(instance.getClass().getClassLoader()).isSameAs(loader);

    // and it works: the extension logs in to a host (Ed25519 keys, through booty's BouncyCastle)
    // and finds the port its Nomad client would need taken
    SshTestHosts.Host host = hosts.host(1);
    hosts.holdPort(host, 4646);
    Path home = tmp.resolve("home");
    for (String c : List.of("nomad", "consul")) {
      Path bin = Files.createDirectories(home.resolve("components/" + c + "/1.0.0/bin"));
      Files.writeString(bin.resolve(c), c);
    }
    TestContext ctx =
        new TestContext(home, "packaged")
            .active("nomad", "1.0.0")
            .active("consul", "1.0.0")
            .endpoint("nomad.rpc", "127.0.0.1:4647")
            .endpoint("consul.serf-lan", "127.0.0.1:8301")
            .security(
                HostAgentsTest.SECURITY,
                (names, dir) -> {
                  throw new AssertionError("no certificate before the checks pass");
                });
    Map<String, String> options =
        Map.of(
            "host.1.address", host.address(),
            "host.1.key", host.keyFile().toString(),
            "host.1.knownHost", host.knownHostsLine());
    List<String> before = hosts.files(host);
    assertThatThrownBy(() -> ssh.provision(new DataCenterSpec("london", 1, 1, options), ctx))
        .hasMessageStartingWith("1 problem with the hosts; nothing was changed on any host:")
        .hasMessageContaining(
            "host " + host.address() + " (datacenter london): port 4646 is in use (tcp ");
    assertThat(hosts.files(host)).isEqualTo(before);
  }

  @Test
  void bootysOwnPluginPlatformLoadsTheDistributionsZip() {
    BootyHome home = new BootyHome(tmp.resolve("home"));
    try (PluginPlatform platform = PluginPlatform.forHome(home, DIST)) {
      List<PluginReport> reports = platform.load();
      assertThat(reports)
          .filteredOn(r -> r.id().equals("ssh-hosting"))
          .singleElement()
          .satisfies(
              r -> {
                assertThat(r.state()).as(r.reason()).isEqualTo(PluginReport.STARTED);
                assertThat(r.file()).endsWith("booty-plugin-ssh-hosting.zip");
                assertThat(r.extensions()).contains(SshHosting.class.getName());
              });
      assertThat(platform.extension(HostingProvider.class, "ssh").id()).isEqualTo("ssh");
    }
  }

  /**
   * PF4J's manager as booty has it, but with plugins' parent loader {@code booty}: this test's
   * class path has MINA SSHD (the unit tests need it), booty's has not.
   */
  private static PluginManager bootyLike(Path folder, ClassLoader booty) {
    return new DefaultPluginManager(folder) {
      @Override
      protected PluginLoader createPluginLoader() {
        return new DefaultPluginLoader(this) {
          @Override
          protected PluginClassLoader createPluginClassLoader(Path path, PluginDescriptor d) {
            return new PluginClassLoader(pluginManager, d, booty);
          }
        };
      }
    };
  }

  /** This test's class path without MINA SSHD: what booty's own class loader offers plugins. */
  static final class WithoutMinaSshd extends ClassLoader {
    WithoutMinaSshd(ClassLoader parent) {
      super("booty-without-mina-sshd", parent);
    }

    private static boolean hidden(String name) {
      return name.startsWith("org.apache.sshd.")
          || name.startsWith("org/apache/sshd/")
          || name.startsWith("META-INF/services/org.apache.sshd");
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
      if (hidden(name)) {
        throw new ClassNotFoundException(name + " (booty has no MINA SSHD)");
      }
      return super.loadClass(name, resolve);
    }

    @Override
    public URL getResource(String name) {
      return hidden(name) ? null : super.getResource(name);
    }

    @Override
    public Enumeration<URL> getResources(String name) throws IOException {
      return hidden(name) ? Collections.emptyEnumeration() : super.getResources(name);
    }
  }
}
