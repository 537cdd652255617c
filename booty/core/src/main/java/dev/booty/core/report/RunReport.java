package dev.booty.core.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.booty.core.client.ClientReport;
import java.util.List;
import java.util.Map;

/**
 * What {@code booty scenario run} measured and concluded; written as {@code report.json} and
 * rendered as {@code report.html}. Times are ISO-8601 strings, durations milliseconds.
 *
 * @param outcome {@code pass} (every expectation holds), {@code fail} (one does not) or {@code
 *     broken} (the run itself failed: {@link #error} says why)
 * @param measureFrom end of the warm-up: figures "before" a step start here
 * @param rttMs configured round trips, by data centre pair ({@code london->dallas})
 * @param connections per second: for each client data centre, how many of its clients are connected
 *     to each data centre (key {@code none} for disconnected ones)
 * @param latency per second and client data centre: round-trip latency of everything received
 * @param clients every client's own final record, as it reported it
 * @param groups each client group over the whole run, side by side (a data centre may have several:
 *     seeds and dns, careful and library-default, jvm and browser); empty in reports of older runs
 * @param totalsByClientKind {@link #totals} for the publishers of each client kind ({@code jvm},
 *     {@code browser}) apart: client kind to workload kind to totals; null in reports of older runs
 * @param latencyByClientKind {@link #latency} for the clients of each client kind apart; null in
 *     reports of older runs
 * @param measuredRttMs round trips between data centres as the servers' gateway connections
 *     measured them at the start of the timeline ({@code london->dallas}, ms); null in reports of
 *     older runs
 */
public record RunReport(
    String scenario,
    String file,
    String startedAt,
    String measureFrom,
    String endedAt,
    String outcome,
    String error,
    List<String> datacenters,
    Map<String, Long> rttMs,
    List<StepReport> steps,
    List<ExpectationResult> expectations,
    Map<String, KindTotals> totals,
    List<ConnectionSample> connections,
    List<LatencySample> latency,
    List<ClientReport> clients,
    List<GroupSummary> groups,
    Map<String, Map<String, KindTotals>> totalsByClientKind,
    List<LatencySample> latencyByClientKind,
    Map<String, Double> measuredRttMs) {

  /** A report without measured round trips, as older runs wrote it. */
  public RunReport(
      String scenario,
      String file,
      String startedAt,
      String measureFrom,
      String endedAt,
      String outcome,
      String error,
      List<String> datacenters,
      Map<String, Long> rttMs,
      List<StepReport> steps,
      List<ExpectationResult> expectations,
      Map<String, KindTotals> totals,
      List<ConnectionSample> connections,
      List<LatencySample> latency,
      List<ClientReport> clients,
      List<GroupSummary> groups,
      Map<String, Map<String, KindTotals>> totalsByClientKind,
      List<LatencySample> latencyByClientKind) {
    this(
        scenario,
        file,
        startedAt,
        measureFrom,
        endedAt,
        outcome,
        error,
        datacenters,
        rttMs,
        steps,
        expectations,
        totals,
        connections,
        latency,
        clients,
        groups,
        totalsByClientKind,
        latencyByClientKind,
        null);
  }

  /** This report with the round trips the gateways measured. */
  public RunReport withMeasuredRttMs(Map<String, Double> measured) {
    return new RunReport(
        scenario,
        file,
        startedAt,
        measureFrom,
        endedAt,
        outcome,
        error,
        datacenters,
        rttMs,
        steps,
        expectations,
        totals,
        connections,
        latency,
        clients,
        groups,
        totalsByClientKind,
        latencyByClientKind,
        measured);
  }

  /** A report without figures per client kind, as older runs wrote it. */
  public RunReport(
      String scenario,
      String file,
      String startedAt,
      String measureFrom,
      String endedAt,
      String outcome,
      String error,
      List<String> datacenters,
      Map<String, Long> rttMs,
      List<StepReport> steps,
      List<ExpectationResult> expectations,
      Map<String, KindTotals> totals,
      List<ConnectionSample> connections,
      List<LatencySample> latency,
      List<ClientReport> clients,
      List<GroupSummary> groups) {
    this(
        scenario,
        file,
        startedAt,
        measureFrom,
        endedAt,
        outcome,
        error,
        datacenters,
        rttMs,
        steps,
        expectations,
        totals,
        connections,
        latency,
        clients,
        groups,
        null,
        null);
  }

  /**
   * One step of the timeline and what clients saw of it.
   *
   * @param faulted the data centres the fault made unhealthy (for the nearest-healthy rule)
   * @param error what went wrong injecting or healing it; null when nothing did
   * @param effectiveAt when the fault took effect (the first server signalled, by its agent's
   *     clock); null when not known, and detection is then measured from {@code startedAt}
   * @param injectionMs booty's own delay: from the step's start until the fault was fully in force
   *     (the last server signalled)
   * @param groups the step as each client group lived it, side by side ({@code datacenters} merges
   *     the groups of a data centre)
   * @param byClientKind {@code datacenters} split by client kind: one entry per data centre and
   *     kind of client it has ({@link DcImpact#kind} set), jvm before browser; null in reports of
   *     older runs
   */
  public record StepReport(
      int index,
      String action,
      List<String> targets,
      Map<String, String> options,
      String startedAt,
      String healedAt,
      List<String> faulted,
      List<DcImpact> datacenters,
      String error,
      String effectiveAt,
      Double injectionMs,
      List<GroupImpact> groups,
      List<DcImpact> byClientKind) {

    /** A step without figures per client kind, as older runs wrote it. */
    public StepReport(
        int index,
        String action,
        List<String> targets,
        Map<String, String> options,
        String startedAt,
        String healedAt,
        List<String> faulted,
        List<DcImpact> datacenters,
        String error,
        String effectiveAt,
        Double injectionMs,
        List<GroupImpact> groups) {
      this(
          index,
          action,
          targets,
          options,
          startedAt,
          healedAt,
          faulted,
          datacenters,
          error,
          effectiveAt,
          injectionMs,
          groups,
          null);
    }
  }

  /**
   * A step as one client group lived it: the figures of {@link DcImpact} for the group's clients
   * alone, and what only a group shows.
   *
   * @param group the group's label (its data centre, or {@code DC-BOOTSTRAP-PROFILE})
   * @param bootstrap {@code seeds} or {@code dns}
   * @param profile {@code careful} or {@code library-default}
   * @param newClients clients whose first connection came while the step's fault was in effect
   * @param newOffNearest of those, the ones that connected elsewhere than the nearest healthy data
   *     centre
   * @param dnsAnswerChangeMs for dns clients whose answer named a faulted data centre when the
   *     fault took effect: from then until their process saw an answer naming none
   * @param dnsUnchanged such clients whose answer still named a faulted data centre when the step's
   *     effects ended
   * @param kind what runs the group's clients: {@code jvm} or {@code browser}; null in reports of
   *     older runs (jvm)
   */
  public record GroupImpact(
      String group,
      String dc,
      String bootstrap,
      String profile,
      int clients,
      int affected,
      Stat detectMs,
      Stat reconnectMs,
      Map<String, Integer> landedIn,
      String nearest,
      int onNearest,
      int notReconnected,
      Stat latencyDuringMs,
      int reconnects,
      int maxReconnects,
      int newClients,
      int newOffNearest,
      Stat dnsAnswerChangeMs,
      int dnsUnchanged,
      String kind) {}

  /**
   * One client group over the whole run.
   *
   * @param totals messages of each kind its clients published, as {@link #totals} counts them
   * @param dnsResolveMs how long resolving the DNS name took its dns clients, at each connection
   *     and reconnect attempt (empty for seeds)
   * @param dnsResolveErrors resolutions that failed
   * @param latencyMs round trips of everything its clients received
   * @param kind what runs the group's clients: {@code jvm} or {@code browser}; null in reports of
   *     older runs (jvm)
   */
  public record GroupSummary(
      String group,
      String dc,
      String bootstrap,
      String profile,
      int clients,
      Map<String, KindTotals> totals,
      Stat dnsResolveMs,
      long dnsResolveErrors,
      Stat latencyMs,
      String kind) {}

  /**
   * A step as the clients of one data centre lived it.
   *
   * @param affected clients that lost their connection during the step
   * @param detectMs from the fault taking effect (the step's start when not known) to the client's
   *     disconnect
   * @param reconnectMs from the same moment to the client's next lasting connection
   * @param landedIn where affected clients reconnected, by data centre: count
   * @param nearest the nearest healthy data centre from this one (configured RTTs)
   * @param onNearest affected clients that reconnected there
   * @param notReconnected affected clients still without a connection when the step healed
   * @param latencyBeforeMs the step's length before it started
   * @param reconnects reconnections of this data centre's clients while the step's effects last (a
   *     flapping data centre's clients reconnect every cycle)
   * @param maxReconnects the most reconnections of one client
   * @param kind the client kind these figures are for ({@code jvm}, {@code browser}); null when
   *     they are for every client of the data centre
   */
  public record DcImpact(
      String dc,
      int clients,
      int affected,
      Stat detectMs,
      Stat reconnectMs,
      Map<String, Integer> landedIn,
      String nearest,
      int onNearest,
      int notReconnected,
      Stat latencyBeforeMs,
      Stat latencyDuringMs,
      Stat latencyAfterMs,
      int reconnects,
      int maxReconnects,
      @JsonInclude(JsonInclude.Include.NON_NULL) String kind) {

    /** A data centre's figures over every client. */
    public DcImpact(
        String dc,
        int clients,
        int affected,
        Stat detectMs,
        Stat reconnectMs,
        Map<String, Integer> landedIn,
        String nearest,
        int onNearest,
        int notReconnected,
        Stat latencyBeforeMs,
        Stat latencyDuringMs,
        Stat latencyAfterMs,
        int reconnects,
        int maxReconnects) {
      this(
          dc,
          clients,
          affected,
          detectMs,
          reconnectMs,
          landedIn,
          nearest,
          onNearest,
          notReconnected,
          latencyBeforeMs,
          latencyDuringMs,
          latencyAfterMs,
          reconnects,
          maxReconnects,
          null);
    }
  }

  /** A distribution: how many values, their p50, p99 and maximum (0 when count is 0). */
  public record Stat(long count, double p50, double p99, double max) {
    public static final Stat EMPTY = new Stat(0, 0, 0, 0);
  }

  /**
   * Messages of one workload kind over the whole run.
   *
   * @param expected messages that had to arrive (for jetstream: acknowledged ones)
   * @param lost expected but never received by anyone in scope
   * @param lostInFaulted of those, ones whose publisher's data centre a step took out (an outage)
   * @param errors sends that failed (refused, unacknowledged, unanswered)
   */
  public record KindTotals(
      String kind,
      long sent,
      long expected,
      long lost,
      long lostInFaulted,
      long duplicated,
      long errors) {}

  /**
   * One expectation and how it came out.
   *
   * @param actual the measured value, as a person reads it ({@code 2350ms}, {@code 0})
   * @param kind the client kind whose figures were judged ({@code jvm}, {@code browser}); null for
   *     every client
   */
  public record ExpectationResult(
      String metric,
      String comparison,
      String bound,
      String actual,
      boolean holds,
      @JsonInclude(JsonInclude.Include.NON_NULL) String kind) {

    /** An expectation on every client. */
    public ExpectationResult(
        String metric, String comparison, String bound, String actual, boolean holds) {
      this(metric, comparison, bound, actual, holds, null);
    }

    /** The metric as a person reads it: {@code reconnect_max}, {@code reconnect_max[browser]}. */
    public String label() {
      return kind == null ? metric : metric + "[" + kind + "]";
    }
  }

  /**
   * Connections at one second: client data centre to (server data centre to clients).
   *
   * @param byClientKind the same for the clients of each client kind apart: kind to client data
   *     centre to (server data centre to clients); null in reports of older runs
   */
  public record ConnectionSample(
      long second,
      Map<String, Map<String, Integer>> byClientDc,
      Map<String, Map<String, Map<String, Integer>>> byClientKind) {

    /** A sample without the split by client kind, as older runs wrote it. */
    public ConnectionSample(long second, Map<String, Map<String, Integer>> byClientDc) {
      this(second, byClientDc, null);
    }
  }

  /**
   * Latency of one client data centre at one second.
   *
   * @param kind the client kind these figures are for; null when for every client of {@code dc}
   */
  public record LatencySample(
      long second,
      String dc,
      long count,
      double p50Ms,
      double p99Ms,
      double maxMs,
      @JsonInclude(JsonInclude.Include.NON_NULL) String kind) {

    /** A sample over every client of {@code dc}. */
    public LatencySample(
        long second, String dc, long count, double p50Ms, double p99Ms, double maxMs) {
      this(second, dc, count, p50Ms, p99Ms, maxMs, null);
    }
  }
}
