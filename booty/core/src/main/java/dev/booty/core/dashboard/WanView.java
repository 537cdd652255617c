package dev.booty.core.dashboard;

import dev.booty.core.run.FaultLedger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The WAN matrix of a scenario: each pair of data centres with its configured round trip, and what
 * the faults held in the scenario's {@link FaultLedger} do to it now. The faults' heal records say
 * which paths they touch ({@code paths}: {@code a~b,...}, or {@code dataCenters} for a flapping
 * data centre): {@code latency} slows a path, {@code dc-outage} with isolation and {@code
 * partial-outage} at full loss cut it, {@code partial-outage} with some loss slows it, {@code
 * dc-flap} flaps it.
 */
final class WanView {
  private WanView() {}

  /** A pair of data centres and its configured round trip. */
  record Link(String from, String to, long rttMs) {}

  /**
   * A pair as the page shows it: {@code normal}, {@code slowed}, {@code cut} or {@code flapping}.
   */
  record Wan(String from, String to, long rttMs, String state, String detail) {}

  /** A fault as the page lists it; {@code target} the data centres, paths or servers it hit. */
  record Fault(String id, String mode, String target, long expires) {}

  static List<Wan> of(List<Link> links, FaultLedger.State faults) {
    List<Wan> out = new ArrayList<>();
    for (Link l : links) {
      String state = "normal";
      String detail = null;
      for (FaultLedger.Entry f : faults.faults()) {
        Map<String, String> r = f.record() == null ? Map.of() : f.record();
        if (!touches(f, r, l)) {
          continue;
        }
        String[] effect = effect(f.mode(), r);
        if (effect != null && rank(effect[0]) > rank(state)) {
          state = effect[0];
          detail = effect[1];
        }
      }
      out.add(new Wan(l.from(), l.to(), l.rttMs(), state, detail));
    }
    return out;
  }

  static List<Fault> faults(FaultLedger.State faults) {
    List<Fault> out = new ArrayList<>();
    for (FaultLedger.Entry f : faults.faults()) {
      Map<String, String> r = f.record() == null ? Map.of() : f.record();
      String target = r.get("dataCenters");
      if (target == null || target.isEmpty()) {
        target = r.getOrDefault("paths", r.get("servers"));
      }
      out.add(new Fault(f.id(), f.mode(), target, faults.leaseUntil()));
    }
    return out;
  }

  /** Cut outranks flapping outranks slowed: the worst effect on a path shows. */
  private static int rank(String state) {
    return switch (state) {
      case "cut" -> 3;
      case "flapping" -> 2;
      case "slowed" -> 1;
      default -> 0;
    };
  }

  /** The state and detail a fault gives the paths it touches; null when it leaves them alone. */
  private static String[] effect(String mode, Map<String, String> r) {
    return switch (mode) {
      case "latency" -> new String[] {"slowed", "rtt " + r.getOrDefault("rtt", "?")};
      case "dc-flap" ->
          new String[] {
            "flapping", "down " + r.getOrDefault("down", "?") + ", up " + r.getOrDefault("up", "?")
          };
      case "dc-outage" -> r.containsKey("paths") ? new String[] {"cut", "dc-outage"} : null;
      case "partial-outage" -> {
        double loss = fraction(r.get("loss"));
        String share = Math.round(loss * 100) + "%";
        yield loss >= 1
            ? new String[] {"cut", "loss " + share}
            : new String[] {
              "slowed", "loss " + share + ", latency " + r.getOrDefault("latency", "0s")
            };
      }
      default -> null;
    };
  }

  private static double fraction(String v) {
    try {
      return v == null ? 0 : Double.parseDouble(v);
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private static boolean touches(FaultLedger.Entry f, Map<String, String> r, Link l) {
    String paths = r.get("paths");
    if (paths != null && !paths.isEmpty()) {
      return Arrays.stream(paths.split(",")).anyMatch(p -> joins(p, l));
    }
    if (f.mode().equals("dc-flap")) {
      List<String> dcs = Arrays.asList(r.getOrDefault("dataCenters", "").split(","));
      return dcs.contains(l.from()) || dcs.contains(l.to());
    }
    return false;
  }

  private static boolean joins(String path, Link l) {
    String[] ends = path.strip().split("~");
    return ends.length == 2
        && ((ends[0].equals(l.from()) && ends[1].equals(l.to()))
            || (ends[0].equals(l.to()) && ends[1].equals(l.from())));
  }
}
