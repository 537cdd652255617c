package dev.booty.plugins.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import dev.booty.api.ChaosMode;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.pf4j.Extension;

/** What PF4J finds in the plugin: one extension per mode, named the way scenario steps name it. */
class ExtensionsTest {
  @Test
  void theIndexListsEveryModeUnderItsActionName() throws Exception {
    // other jars on the class path (booty-api) carry an index too: read them all, keep ours
    List<String> classes = new ArrayList<>();
    for (URL index :
        Collections.list(
            ExtensionsTest.class.getClassLoader().getResources("META-INF/extensions.idx"))) {
      try (InputStream in = index.openStream()) {
        new String(in.readAllBytes(), StandardCharsets.UTF_8)
            .lines()
            .filter(l -> l.startsWith(ExtensionsTest.class.getPackageName() + "."))
            .forEach(classes::add);
      }
    }

    List<String> ids =
        classes.stream()
            .map(
                name -> {
                  try {
                    Class<?> type = Class.forName(name);
                    assertThat(type.isAnnotationPresent(Extension.class)).isTrue();
                    return ((ChaosMode) type.getConstructor().newInstance()).id();
                  } catch (ReflectiveOperationException e) {
                    throw new AssertionError(name, e);
                  }
                })
            .toList();

    assertThat(ids)
        .containsExactlyInAnyOrder(
            "dc-outage",
            "dc-flap",
            "partial-outage",
            "client-scale",
            "latency",
            "rolling-upgrade",
            "dns-outage",
            "dns-stale");
  }
}
