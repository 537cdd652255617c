package dev.booty.core.testing;

import dev.booty.core.plugin.PluginJar;
import java.nio.file.Path;

/**
 * A real plugin jar for scenario tests: hosting {@code local}, a cluster {@code nats} that names
 * servers like the bundled one ({@code lon-1}) and a chaos mode {@code dc-outage} that takes whole
 * data centres and refuses any other target, naming it.
 */
public final class ScenarioPlugins {
  private ScenarioPlugins() {}

  public static Path writeTo(Path dir) {
    return PluginJar.plugin("scenario-test")
        .hosting("local")
        .extension(
            "Cluster",
            """
            import dev.booty.api.*;
            import java.util.*;

            public class Cluster implements ClusterProvider {
              public String id() {
                return "nats";
              }

              public List<WanEmulation.Endpoint> endpoints(
                  ClusterSpec cluster, List<HostingProvider.HostedDataCenter> dcs) {
                List<WanEmulation.Endpoint> out = new ArrayList<>();
                for (HostingProvider.HostedDataCenter dc : dcs) {
                  for (int k = 1; k <= dc.addresses().size(); k++) {
                    out.add(new WanEmulation.Endpoint(
                        dc.name().substring(0, 3) + "-" + k + ".nats.booty", dc.name(),
                        dc.addresses().get(k - 1), List.of(7222, 4222)));
                  }
                }
                return out;
              }

              public List<NomadJob> plan(ClusterSpec c, List<HostingProvider.HostedDataCenter> d,
                  Map<String, Map<String, String>> names, PluginContext ctx) {
                return List.of();
              }
            }
            """)
        .extension(
            "Outage",
            """
            import dev.booty.api.*;
            import java.util.*;

            public class Outage implements ChaosMode {
              public String id() {
                return "dc-outage";
              }

              public Map<String, String> prepare(FaultSpec fault, ChaosContext context) {
                List<String> known = new ArrayList<>();
                context.sites().forEach(s -> known.add(s.name()));
                for (String t : fault.targets()) {
                  if (!known.contains(t)) {
                    throw new IllegalArgumentException(
                        "no data centre '" + t + "' (known: " + String.join(", ", known) + ")");
                  }
                }
                return Map.of("dataCenters", String.join(",", fault.targets()));
              }

              public void inject(FaultSpec fault, Map<String, String> record, ChaosContext c) {}

              public void heal(Map<String, String> record, ChaosContext context) {}

              public List<String> takesOut(FaultSpec fault, ChaosContext context) {
                prepare(fault, context);
                return fault.targets();
              }
            }
            """)
        .writeTo(dir);
  }
}
