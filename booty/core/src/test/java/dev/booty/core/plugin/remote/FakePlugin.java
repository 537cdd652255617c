package dev.booty.core.plugin.remote;

import dev.booty.api.ChaosContext;
import dev.booty.api.ChaosMode;
import dev.booty.plugin.sdk.PluginServer;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A real executable plugin for the remote tests, started as {@code java -cp TEST_CLASSPATH
 * FakePlugin MODE}. Each mode misbehaves one way (or not at all: {@code ok}).
 */
public final class FakePlugin {

  private FakePlugin() {}

  public static void main(String[] args) throws Exception {
    String mode = args[0];
    System.err.println("fake plugin starting in mode " + mode);
    switch (mode) {
      case "exit-early" -> {
        System.err.println("cannot read my settings: /nowhere/settings.yaml");
        System.exit(1);
      }
      case "wrong-protocol" -> {
        System.out.println("1|2|tcp|127.0.0.1:1|grpc|MIIBCn8");
        Thread.sleep(60_000);
      }
      case "slow-start" -> Thread.sleep(60_000);
      case "garbage-line" -> {
        System.out.println("hello");
        Thread.sleep(60_000);
      }
      case "child-left" -> {
        new ProcessBuilder("sleep", "300").start();
        System.err.println("left a sleep 300 behind");
      }
      default -> {}
    }
    // one fake under many ids: it answers to the id booty started it as
    PluginServer.serve(System.getenv("BOOTY_PLUGIN_ID"), "0.0.1", new Fake());
  }

  /** Chaos mode {@code fake}: targets must be sites; inject reports progress and may crash. */
  static final class Fake implements ChaosMode {
    @Override
    public String id() {
      return "fake";
    }

    @Override
    public Map<String, String> prepare(FaultSpec fault, ChaosContext context) {
      List<String> sites = context.sites().stream().map(ChaosContext.Site::name).toList();
      for (String t : fault.targets()) {
        if (!sites.contains(t)) {
          throw new IllegalArgumentException(
              "fake: target '" + t + "' is no data centre; known: " + String.join(", ", sites));
        }
      }
      return Map.of(
          "targets",
          String.join(",", fault.targets()),
          "rtt",
          context.rtt(sites.get(0), sites.get(sites.size() - 1)).toString());
    }

    @Override
    public List<String> takesOut(FaultSpec fault, ChaosContext context) {
      return fault.targets();
    }

    @Override
    public void inject(FaultSpec fault, Map<String, String> record, ChaosContext context)
        throws InterruptedException {
      context.plugin().progress("fake in " + record.get("targets"));
      if ("crash".equals(fault.options().get("then"))) {
        System.err.println("about to be killed in inject");
        try {
          new ProcessBuilder("kill", "-9", Long.toString(ProcessHandle.current().pid()))
              .start()
              .waitFor();
        } catch (IOException e) {
          throw new IllegalStateException(e);
        }
        Thread.sleep(10_000);
      }
      if ("wait".equals(fault.options().get("then"))) {
        try {
          context.sleep(Duration.ofMinutes(5));
        } catch (InterruptedException e) {
          System.err.println("fake interrupted");
          throw e;
        }
      }
      if ("refuse".equals(fault.options().get("then"))) {
        context.servers("nowhere", false);
      }
    }

    @Override
    public void heal(Map<String, String> record, ChaosContext context) {
      context.plugin().progress("fake healed " + record.get("targets"));
    }
  }
}
