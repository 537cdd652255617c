package dev.booty.core.source;

import static org.assertj.core.api.Assertions.assertThat;

import dev.booty.core.testing.TestBinaries;
import dev.booty.core.util.ProcessRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The real pdns-server install: four Debian packages through apt into a fresh home, with booty's
 * default sources (no --allow-system-packages: the OS package is its one source), the wrapper
 * running Debian's pdns_server with the bind backend module and LuaJIT from the unpacked tree.
 */
class PdnsServerInstallIT {

  @Test
  void installsPowerDnsWithItsModuleAndLuaJitBesideIt() throws Exception {
    Path wrapper = TestBinaries.binary("pdns-server");
    Path version = wrapper.getParent().getParent();
    Path tree = version.resolve(SystemPackageFetcher.TREE);

    assertThat(Files.readString(wrapper)).startsWith("#!/bin/sh\n").contains("LD_LIBRARY_PATH");
    assertThat(tree.resolve("usr/sbin/pdns_server")).isRegularFile();
    assertThat(tree.resolve("usr/lib/x86_64-linux-gnu/pdns/libbindbackend.so")).isRegularFile();
    assertThat(tree.resolve("usr/lib/x86_64-linux-gnu/libluajit-5.1.so.2")).exists();
    assertThat(Files.readString(version.resolve("install.json")))
        .contains("\"source\" : \"system\"")
        .contains("debian packages pdns-server=4.7.3-")
        .contains("pdns-backend-bind=4.7.3-")
        .contains("libluajit-5.1-2=")
        .contains("PowerDNS Authoritative Server 4.7.3");

    // the bind backend loads from the tree: a config naming it is accepted by --config check
    ProcessRunner.Result modules =
        ProcessRunner.run(
            List.of(
                wrapper.toString(), "--launch=bind", "--config-dir=" + version, "--list-modules"),
            version,
            Map.of(),
            Duration.ofSeconds(20),
            l -> {});
    assertThat(modules.output()).contains("libbindbackend.so").contains("Modules available:");
  }
}
