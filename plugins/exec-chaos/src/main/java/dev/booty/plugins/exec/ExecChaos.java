package dev.booty.plugins.exec;

import dev.booty.api.ChaosContext;
import dev.booty.api.ChaosMode;
import dev.booty.api.Durations;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Chaos mode {@code exec}: runs the user's command ({@code run}, through {@code sh -c}) once per
 * target, in parallel, and heals by running {@code heal} the same way. Targets are data centres or
 * servers of the scenario; {@code per: server} runs once per server of each target data centre.
 * Each command learns where it acts from its environment: {@code BOOTY_SCENARIO}, {@code
 * BOOTY_TARGET}, {@code BOOTY_DATACENTER}, {@code BOOTY_SERVER}, {@code BOOTY_HOST}, {@code
 * BOOTY_WORK_DIR}, {@code BOOTY_FAULT} (one id per step, the same for inject and heal).
 */
public final class ExecChaos implements ChaosMode {
  private static final Set<String> OPTIONS = Set.of("run", "heal", "per", "timeout");
  static final Duration HEAL_TIMEOUT = Duration.ofSeconds(60);

  @Override
  public String id() {
    return "exec";
  }

  @Override
  public Map<String, String> prepare(FaultSpec fault, ChaosContext context) {
    for (String key : fault.options().keySet()) {
      if (!OPTIONS.contains(key)) {
        throw new IllegalArgumentException(
            "exec: unknown option '" + key + "'; options: run, heal, per, timeout");
      }
    }
    String run = fault.options().get("run");
    if (run == null || run.isBlank()) {
      throw new IllegalArgumentException(
          "exec: option 'run' is required: the command to run per target");
    }
    String per = fault.options().getOrDefault("per", "target");
    if (!per.equals("target") && !per.equals("server")) {
      throw new IllegalArgumentException("exec: per must be target or server, not '" + per + "'");
    }
    if (fault.targets().isEmpty()) {
      throw new IllegalArgumentException("exec: name the data centres or servers to act on");
    }
    String timeout = fault.options().get("timeout");
    if (timeout != null) {
      try {
        Durations.parse(timeout);
      } catch (RuntimeException e) {
        throw new IllegalArgumentException(
            "exec: timeout '" + timeout + "' is no duration (" + Durations.EXAMPLES + ")");
      }
    }
    List<Unit> units = units(fault.targets(), per, context.sites());
    Map<String, String> record = new LinkedHashMap<>();
    record.put("targets", String.join(",", fault.targets()));
    record.put("per", per);
    record.put("run", run);
    record.put("heal", fault.options().getOrDefault("heal", ""));
    record.put("timeout", timeout == null ? "" : timeout);
    record.put("fault", UUID.randomUUID().toString());
    record.put("units", Integer.toString(units.size()));
    return record;
  }

  @Override
  public void inject(FaultSpec fault, Map<String, String> record, ChaosContext context)
      throws InterruptedException {
    String timeout = record.getOrDefault("timeout", "");
    Duration limit = timeout.isEmpty() ? null : Durations.parse(timeout);
    Commands.runAll(record.get("run"), units(record, context), record, context, limit, "exec");
  }

  @Override
  public void heal(Map<String, String> record, ChaosContext context) {
    String heal = record.getOrDefault("heal", "");
    if (heal.isEmpty()) {
      return;
    }
    try {
      Commands.runAll(heal, units(record, context), record, context, HEAL_TIMEOUT, "exec heal");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("exec heal was interrupted");
    }
  }

  private static List<Unit> units(Map<String, String> record, ChaosContext context) {
    return units(List.of(record.get("targets").split(",")), record.get("per"), context.sites());
  }

  /** Where one command runs: the target as named, its data centre, its server and host if one. */
  record Unit(String target, String dataCenter, String server, String host) {}

  static List<Unit> units(List<String> targets, String per, List<ChaosContext.Site> sites) {
    List<Unit> out = new ArrayList<>();
    for (String target : targets) {
      ChaosContext.Site site =
          sites.stream().filter(s -> s.name().equals(target)).findFirst().orElse(null);
      if (site != null) {
        if (per.equals("server")) {
          for (ChaosContext.Server s : site.servers()) {
            out.add(new Unit(s.name(), site.name(), s.name(), s.host()));
          }
        } else {
          out.add(new Unit(target, site.name(), "", ""));
        }
        continue;
      }
      ChaosContext.Server server =
          sites.stream()
              .flatMap(s -> s.servers().stream())
              .filter(s -> s.name().equals(target))
              .findFirst()
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          "exec: target '"
                              + target
                              + "' is no data centre or server of the scenario; data centres: "
                              + String.join(
                                  ", ", sites.stream().map(ChaosContext.Site::name).toList())));
      out.add(new Unit(target, server.dataCenter(), server.name(), server.host()));
    }
    return out;
  }
}
