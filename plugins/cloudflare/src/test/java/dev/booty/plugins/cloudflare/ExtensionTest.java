package dev.booty.plugins.cloudflare;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** PF4J finds the provider under the id scenario files name ({@code dns: cloudflare}). */
class ExtensionTest {
  @Test
  void theIndexListsTheProvider() throws Exception {
    List<String> classes = new ArrayList<>();
    for (URL index :
        Collections.list(getClass().getClassLoader().getResources("META-INF/extensions.idx"))) {
      try (InputStream in = index.openStream()) {
        new String(in.readAllBytes(), StandardCharsets.UTF_8)
            .lines()
            .filter(l -> l.startsWith(getClass().getPackageName() + "."))
            .forEach(classes::add);
      }
    }

    assertThat(classes).containsExactly(CloudflareDns.class.getName());
    assertThat(new CloudflareDns().id()).isEqualTo("cloudflare");
  }
}
