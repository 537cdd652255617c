package dev.booty.dev.bench;

import static dev.booty.dev.bench.DashboardBenchmark.GOAL_BYTES;
import static dev.booty.dev.bench.DashboardBenchmark.GOAL_MS;
import static dev.booty.dev.bench.DashboardBenchmark.NAME;
import static dev.booty.dev.bench.DashboardBenchmark.SUBNET;

import dev.booty.cli.Table;
import dev.booty.core.util.Json;
import dev.booty.dev.bench.DashboardBenchmark.Result;
import dev.booty.dev.bench.DashboardBenchmark.Settings;
import java.io.IOException;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@link DashboardBenchmark}'s figures: a table for people, or one JSON object. */
public record DashboardReport(Settings settings, Result r) implements Report {
  @Override
  public void print(PrintStream out) {
    out.println(
        "bench dashboard: "
            + settings.scenario()
            + " as "
            + NAME
            + " on "
            + SUBNET
            + ".0.0/16, booty's page through Caddy in headless Chromium, "
            + Bench.cores()
            + " cores");
    out.println();
    Table t = new Table("WHAT", "MEASURED", "P50", "P99", "MAX", "GOAL");
    t.row(
        with(
            BackChannelReport.row("first render of the live view", null, r.firstRender()),
            GOAL_MS));
    t.row(
        with(
            BackChannelReport.row("back-channel event to the page", null, r.eventToPage()),
            GOAL_MS));
    // a frozen server is found by its /healthz probe (every 500 ms, 700 ms timeout); issue 13
    // asks for the page within 3 s
    t.row(
        with(
            BackChannelReport.row(
                r.victim() + " frozen (SIGSTOP) to down on the page", null, r.frozenToPage()),
            FROZEN_GOAL_MS));
    t.print(out);
    out.println();
    out.println(
        "page weight: "
            + kb(r.pageBytes())
            + " (over the wire "
            + kb(r.transferBytes())
            + "), goal under "
            + kb(GOAL_BYTES)
            + ": "
            + (r.pageBytes() < GOAL_BYTES ? "met" : "MISSED"));
    r.files().forEach(f -> out.println("  " + f + " B"));
    out.println();
    out.println(
        "first render: performance.now() when the first state is drawn, on a fresh load; event to"
            + " page: from the event's time on the back channel to the render showing it (the"
            + " page's own clock, the same machine); frozen to down: from SIGSTOP until every"
            + " server of "
            + r.victim()
            + " shows frozen or dead (polled every 10 ms)");
  }

  static final double FROZEN_GOAL_MS = 3000;

  private static Object[] with(Object[] cells, double goal) {
    Object[] out = java.util.Arrays.copyOf(cells, cells.length + 1);
    out[cells.length] = "< " + (int) goal + " ms";
    return out;
  }

  private static String kb(long bytes) {
    return String.format(java.util.Locale.ROOT, "%.1f KB", bytes / 1024.0);
  }

  @Override
  public void printJson(PrintStream out) throws IOException {
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("scenario", settings.scenario().toString());
    o.put("name", NAME);
    o.put("subnet", SUBNET);
    o.put("cores", Bench.cores());
    o.put("goalMillis", GOAL_MS);
    o.put("firstRender", BackChannelReport.figures(r.firstRender()));
    o.put("eventToPage", BackChannelReport.figures(r.eventToPage()));
    Map<String, Object> frozen = new LinkedHashMap<>(BackChannelReport.figures(r.frozenToPage()));
    frozen.put("dc", r.victim());
    frozen.put("goalMillis", FROZEN_GOAL_MS);
    o.put("frozenToPage", frozen);
    Map<String, Object> weight = new LinkedHashMap<>();
    weight.put("decodedBytes", r.pageBytes());
    weight.put("transferBytes", r.transferBytes());
    weight.put("goalBytes", GOAL_BYTES);
    weight.put("files", r.files());
    o.put("pageWeight", weight);
    out.println(Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(o));
  }
}
