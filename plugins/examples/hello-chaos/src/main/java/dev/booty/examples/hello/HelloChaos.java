package dev.booty.examples.hello;

import dev.booty.api.ChaosContext;
import dev.booty.api.ChaosMode;
import dev.booty.plugin.sdk.PluginServer;
import java.util.List;
import java.util.Map;

/**
 * Chaos mode {@code hello}: the smallest executable plugin. {@code prepare} checks the targets
 * against the scenario's data centres, {@code inject} says hello to each (a progress line in
 * booty's output), {@code heal} says goodbye. Copy this folder to start your own.
 */
public final class HelloChaos implements ChaosMode {

  /** booty starts this; it serves until booty stops it. */
  public static void main(String[] args) {
    PluginServer.serve("hello-chaos", "0.1.0", new HelloChaos());
  }

  @Override
  public String id() {
    return "hello";
  }

  @Override
  public Map<String, String> prepare(FaultSpec fault, ChaosContext context) {
    List<String> known = context.sites().stream().map(ChaosContext.Site::name).toList();
    for (String target : fault.targets()) {
      if (!known.contains(target)) {
        // booty shows this text as the step's error, before the run starts
        throw new IllegalArgumentException(
            "hello: '" + target + "' is no data centre; known: " + String.join(", ", known));
      }
    }
    // the record: plain strings, all heal gets (it may run in another process)
    return Map.of("targets", String.join(",", fault.targets()));
  }

  @Override
  public void inject(FaultSpec fault, Map<String, String> record, ChaosContext context)
      throws InterruptedException {
    for (String target : record.get("targets").split(",")) {
      context.plugin().progress("hello " + target);
    }
    // stderr goes to HOME/logs/plugins/hello-chaos.log
    System.err.println("said hello to " + record.get("targets"));
  }

  @Override
  public void heal(Map<String, String> record, ChaosContext context) {
    context.plugin().progress("goodbye " + record.get("targets"));
  }
}
