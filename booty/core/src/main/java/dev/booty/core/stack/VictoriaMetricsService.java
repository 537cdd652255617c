package dev.booty.core.stack;

import dev.booty.core.install.InstalledVersion;
import dev.booty.core.security.StackCredentials;
import dev.booty.core.util.BasicAuth;
import dev.booty.core.util.FileTrees;
import java.io.IOException;
import java.net.URI;
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

  public static ServiceSpec describe(StackContext ctx, StackCredentials creds) throws IOException {
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
            scheme: https
            tls_config: %3$s
            authorization: {credentials: "%4$s"}
            metrics_path: /v1/agent/metrics
            params: {format: [prometheus]}
            static_configs: [{targets: ["127.0.0.1:%1$d"]}]
          - job_name: nomad
            scheme: https
            tls_config: %3$s
            metrics_path: /v1/metrics
            params: {format: [prometheus]}
            static_configs: [{targets: ["127.0.0.1:%2$d"]}]
          - job_name: caddy
            scheme: https
            tls_config: {ca_file: "%8$s"}
            authorization: {credentials: "%7$s"}
            static_configs: [{targets: ["127.0.0.1:%5$d"]}]
          - job_name: consul-services
            consul_sd_configs:
              - server: "127.0.0.1:%1$d"
                scheme: https
                token: "%4$s"
                tls_config: %3$s
            relabel_configs:
              - source_labels: [__meta_consul_tags]
                regex: ".*,%6$s,.*"
                action: keep
              - source_labels: [__meta_consul_service]
                target_label: service
              - source_labels: [__meta_consul_dc]
                target_label: consul_dc
        """
            .formatted(
                p.get("consul.http"),
                p.get("nomad.http"),
                "{ca_file: \"%s\", cert_file: \"%s\", key_file: \"%s\"}"
                    .formatted(
                        creds.security().caCertificate(),
                        creds.security().clientCertificate(),
                        creds.security().clientKey()),
                creds.secrets().consulReader(),
                p.get("caddy.admin"),
                SCRAPE_TAG,
                creds.secrets().metricsPassword(),
                creds.security().caCertificate());
    Path config = dir.resolve("scrape.yml");
    FileTrees.writeAtomically(config, scrape, true);
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
            // every request needs booty's password (basic auth), read from a mode-600 file
            "-httpAuth.username=" + StackCredentials.METRICS_USER,
            "-httpAuth.password=file://" + creds.metricsPasswordFile(),
            "-selfScrapeInterval=10s"),
        Map.of(),
        dir,
        ConsulService.ports(p, "victoria-metrics.http"),
        http,
        HealthCheck.http(
            HealthCheck.CLIENT,
            () ->
                BasicAuth.request(
                    BasicAuth.with(
                        URI.create(http + "/health"),
                        StackCredentials.METRICS_USER,
                        creds.secrets().metricsPassword())),
            http + "/health",
            body -> body.strip().equals("OK"),
            "answering"),
        List.of(ConsulService.NAME));
  }
}
