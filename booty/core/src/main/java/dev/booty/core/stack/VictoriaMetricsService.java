package dev.booty.core.stack;

import dev.booty.core.install.InstalledVersion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * VictoriaMetrics single node, scraping the stack's own components and every service registered in
 * the stack's Consul with the tag {@code booty-metrics}.
 */
public final class VictoriaMetricsService {
  public static final String NAME = "victoria-metrics";

  /** Consul services with this tag are scraped (their address, port and /metrics). */
  public static final String SCRAPE_TAG = "booty-metrics";

  private VictoriaMetricsService() {}

  public static ServiceSpec describe(StackContext ctx) throws IOException {
    InstalledVersion vm = ctx.installed("victoria-metrics");
    Path dir = ctx.serviceDir(NAME);
    Files.createDirectories(dir.resolve("data"));
    StackPorts p = ctx.ports();
    String scrape =
        """
        # rendered by booty up; changes are overwritten
        global:
          scrape_interval: 5s
        scrape_configs:
          - job_name: consul
            metrics_path: /v1/agent/metrics
            params: {format: [prometheus]}
            static_configs: [{targets: ["127.0.0.1:%d"]}]
          - job_name: nomad
            metrics_path: /v1/metrics
            params: {format: [prometheus]}
            static_configs: [{targets: ["127.0.0.1:%d"]}]
          - job_name: caddy
            static_configs: [{targets: ["127.0.0.1:%d"]}]
          - job_name: consul-services
            consul_sd_configs: [{server: "127.0.0.1:%d"}]
            relabel_configs:
              - source_labels: [__meta_consul_tags]
                regex: ".*,%s,.*"
                action: keep
              - source_labels: [__meta_consul_service]
                target_label: service
              - source_labels: [__meta_consul_dc]
                target_label: consul_dc
        """
            .formatted(
                p.get("consul.http"),
                p.get("nomad.http"),
                p.get("caddy.admin"),
                p.get("consul.http"),
                SCRAPE_TAG);
    Path config = dir.resolve("scrape.yml");
    Files.writeString(config, scrape);
    int port = p.get("victoria-metrics.http");
    String http = "http://127.0.0.1:" + port;
    return new ServiceSpec(
        NAME,
        "victoria-metrics",
        vm.version(),
        List.of(
            ctx.binary(vm).toString(),
            "-httpListenAddr=127.0.0.1:" + port,
            "-storageDataPath=" + dir.resolve("data"),
            "-promscrape.config=" + config,
            "-retentionPeriod=30d",
            "-selfScrapeInterval=10s"),
        Map.of(),
        dir,
        ConsulService.ports(p, "victoria-metrics.http"),
        http,
        HealthCheck.http(http + "/health", body -> body.strip().equals("OK"), "answering"),
        List.of(ConsulService.NAME));
  }
}
