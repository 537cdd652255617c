package dev.booty.plugins.clouddns;

import static org.assertj.core.api.Assertions.assertThat;

import dev.booty.api.DnsProvider;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.pf4j.Extension;

/**
 * What PF4J finds in the plugin: both providers, under the ids scenario files name ({@code dns:}).
 */
class ExtensionTest {
  @Test
  void theIndexListsBothProvidersUnderTheirIds() throws Exception {
    // other jars on the class path (booty-api) carry an index too: read them all, keep ours
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

    assertThat(classes)
        .containsExactlyInAnyOrder(CloudflareDns.class.getName(), GoogleDns.class.getName());
    List<String> ids = new ArrayList<>();
    for (String name : classes) {
      Class<?> type = Class.forName(name);
      assertThat(type.isAnnotationPresent(Extension.class)).isTrue();
      ids.add(((DnsProvider) type.getConstructor().newInstance()).id());
    }
    assertThat(ids).containsExactlyInAnyOrder("cloudflare", "google-dns");
  }
}
