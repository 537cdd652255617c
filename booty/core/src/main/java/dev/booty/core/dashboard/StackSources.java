package dev.booty.core.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import dev.booty.api.StackHttp;
import dev.booty.api.StackSecurity;
import dev.booty.core.BootyException;
import dev.booty.core.consul.StackConsul;
import dev.booty.core.deploy.Deployer;
import dev.booty.core.deploy.DeploymentState;
import dev.booty.core.deploy.StackEndpoints;
import dev.booty.core.install.ComponentStore;
import dev.booty.core.nomad.NomadApi;
import dev.booty.core.nomad.NomadHttp;
import dev.booty.core.plugin.PluginSession;
import dev.booty.core.run.FaultLedger;
import dev.booty.core.run.LeftFaults;
import dev.booty.core.security.StackCredentials;
import dev.booty.core.stack.CaddyService;
import dev.booty.core.stack.StackContext;
import dev.booty.core.stack.StackController;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The dashboard on the local stack: its port, its front-door secret ({@code
 * stack/dashboard/secret}, mode 600, made once and kept), and the real {@link Sources}: HTTP
 * probes, the stack's Consul and Nomad, and {@code booty chaos heal}'s way of healing.
 */
public final class StackSources {
  public static final String PORT = "dashboard";
  static final Duration PROBE_TIMEOUT = Duration.ofMillis(700);
  static final Duration HEAL_TIMEOUT = Duration.ofMinutes(2);

  private StackSources() {}

  /** The dashboard's configuration on the local stack. */
  public static Dashboard.Config config(StackContext ctx, Consumer<String> log) {
    var p = ctx.ports();
    Optional<StackSecurity> security = StackCredentials.load(ctx.home());
    StackHttp http = StackHttp.of(security);
    String consul = StackCredentials.apiUrl(security, p.get("consul.http"));
    String nomad = StackCredentials.apiUrl(security, p.get("nomad.http"));
    String secret;
    try {
      secret = CaddyService.dashboardSecret(ctx);
    } catch (IOException e) {
      throw BootyException.failure(
          "cannot make the dashboard's secret "
              + CaddyService.dashboardSecretFile(ctx)
              + ": "
              + e.getMessage());
    }
    Sources sources =
        new Sources(
            new HttpProbe(PROBE_TIMEOUT),
            new ConsulCatalog(consul, http),
            new NomadJobs(new NomadHttp(nomad, http)),
            new StackActions(ctx, log));
    StackFeeds.Links links =
        new StackFeeds.Links(
            CaddyService.url(p, "caddy.nomad") + "/ui/",
            CaddyService.url(p, "caddy.consul") + "/ui/",
            CaddyService.url(p, "caddy.victoria-metrics") + "/vmui/",
            null);
    return new Dashboard.Config(
        p.get(PORT),
        secret,
        ctx.home().root(),
        StackCredentials.victoriaMetrics(ctx.home(), p.get("victoria-metrics.http")),
        sources,
        new StackFeeds.Stack(links, ctx.natsUrl(), ctx.home().stack().bootyCreds()));
  }

  /**
   * {@code GET /healthz}: any answer is up, a timeout frozen (a stopped process still accepts the
   * connection), a refused connection dead.
   */
  record HttpProbe(HttpClient http, Duration timeout) implements Sources.Probe {
    HttpProbe(Duration timeout) {
      this(HttpClient.newBuilder().connectTimeout(timeout).build(), timeout);
    }

    @Override
    public Sources.Health probe(String address, int monitorPort) {
      try {
        http.send(
            HttpRequest.newBuilder(URI.create("http://" + address + ":" + monitorPort + "/healthz"))
                .timeout(timeout)
                .build(),
            HttpResponse.BodyHandlers.discarding());
        return Sources.Health.UP;
      } catch (HttpTimeoutException e) {
        return Sources.Health.FROZEN;
      } catch (ConnectException e) {
        return Sources.Health.DEAD;
      } catch (IOException e) {
        return Sources.Health.DEAD;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return Sources.Health.DEAD;
      }
    }
  }

  /** The scenario's servers as registered in Consul (service {@code SCENARIO-nats}). */
  record ConsulCatalog(String url, StackHttp http) implements Sources.Catalog {
    @Override
    public List<Sources.Server> servers(DeploymentState scenario) {
      List<Sources.Server> out = new ArrayList<>();
      try (StackConsul consul = new StackConsul(url, http)) {
        for (StackConsul.Instance i : consul.service(scenario.scenario() + "-nats")) {
          Map<String, String> meta = i.meta();
          out.add(
              new Sources.Server(
                  meta.getOrDefault("nats_server", i.id()),
                  meta.getOrDefault("dc", "?"),
                  i.address(),
                  Integer.parseInt(meta.getOrDefault("monitor_port", "8222")),
                  status(i.checks())));
        }
      }
      return out;
    }

    /** The worst of the checks ({@code NAME: STATUS}): critical, warning, else passing. */
    static String status(List<String> checks) {
      String worst = "passing";
      for (String c : checks) {
        String s = c.substring(c.lastIndexOf(':') + 1).strip();
        if (s.equals("critical")) {
          return "critical";
        }
        if (!s.equals("passing")) {
          worst = "warning";
        }
      }
      return worst;
    }
  }

  /** The jobs whose id starts with the scenario's name, with running and desired allocations. */
  record NomadJobs(NomadHttp nomad) implements Sources.Jobs {
    @Override
    public List<Sources.Job> jobs(String scenario) {
      List<Sources.Job> out = new ArrayList<>();
      for (NomadApi.JobSummary j : nomad.jobs()) {
        if (!j.id().startsWith(scenario)) {
          continue;
        }
        int desired = 0;
        JsonNode job = j.stopped() ? null : nomad.job(j.id());
        if (job != null) {
          for (JsonNode g : job.path("TaskGroups")) {
            desired += g.path("Count").asInt();
          }
        }
        out.add(new Sources.Job(j.id(), j.status(), j.running(), desired));
      }
      return out;
    }
  }

  /**
   * Heals as {@code booty chaos heal} does (the scenario's fault ledger, the chaos modes of the
   * home's plugins, loaded for this one heal) and stops a run with SIGTERM.
   */
  record StackActions(StackContext ctx, Consumer<String> log) implements Sources.Actions {
    @Override
    public List<String> heal(String scenario) {
      Path home = ctx.home().root();
      FaultLedger ledger = new FaultLedger(FaultLedger.file(home, scenario), Clock.systemUTC());
      List<String> before = ledger.read().faults().stream().map(FaultLedger.Entry::id).toList();
      if (before.isEmpty()) {
        return List.of();
      }
      Consumer<String> lines = line -> log.accept("dashboard heal " + scenario + ": " + line);
      ComponentStore store = new ComponentStore(ctx.home());
      StackEndpoints endpoints =
          StackEndpoints.of(new StackController(ctx.home(), store, Map.of()));
      Deployer.Environment env =
          new Deployer.Environment(
              ctx.home(), store, new NomadHttp(endpoints.nomadHttp(), endpoints.http()), endpoints);
      try (PluginSession plugins = PluginSession.open(ctx.home(), lines);
          LeftFaults faults =
              LeftFaults.of(
                  new Deployer(env, plugins, lines, HEAL_TIMEOUT), scenario, HEAL_TIMEOUT, lines)) {
        faults.healNow();
      }
      List<String> left = ledger.read().faults().stream().map(FaultLedger.Entry::id).toList();
      return before.stream().filter(id -> !left.contains(id)).toList();
    }

    @Override
    public boolean terminate(long pid) {
      return ProcessHandle.of(pid).map(ProcessHandle::destroy).orElse(false);
    }
  }
}
