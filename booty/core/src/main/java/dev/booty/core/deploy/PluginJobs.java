package dev.booty.core.deploy;

import dev.booty.api.JobResult;
import dev.booty.api.NomadJob;
import dev.booty.core.BootyException;
import dev.booty.core.nomad.JobMeta;
import dev.booty.core.nomad.JobRunner;
import dev.booty.core.nomad.JobStops;
import dev.booty.core.nomad.NomadApi;
import dev.booty.core.plugin.BootyPluginContext;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How a deployment's plugins act on Nomad: jobs carry booty's meta (scenario, submitter, version),
 * are submitted only when their text or variables changed, and are followed to healthy; stopping
 * waits for the allocations to end before purging, so nothing of the job keeps running.
 */
final class PluginJobs implements BootyPluginContext.Jobs {
  private final NomadApi nomad;
  private final JobRunner runner;
  private final Map<String, String> meta;
  private final Duration timeout;

  private final java.util.Set<String> forced;

  PluginJobs(NomadApi nomad, JobRunner runner, Map<String, String> meta, Duration timeout) {
    this(nomad, runner, meta, timeout, java.util.Set.of());
  }

  /** {@code forced}: jobs submitted even when unchanged ({@link Drift}). */
  PluginJobs(
      NomadApi nomad,
      JobRunner runner,
      Map<String, String> meta,
      Duration timeout,
      java.util.Set<String> forced) {
    this.nomad = nomad;
    this.runner = runner;
    this.meta = meta;
    this.timeout = timeout;
    this.forced = java.util.Set.copyOf(forced);
  }

  /** Submits without following (the caller follows several at once). */
  JobRunner.Outcome submit(NomadJob job) {
    return runner.submit(
        new JobRunner.Submission(
            job.hcl(),
            job.id() + ".nomad.hcl",
            job.id(),
            job.variables(),
            withSource(job),
            forced.contains(job.id())));
  }

  JobRunner.Outcome follow(JobRunner.Outcome submitted) {
    return runner.follow(submitted, timeout);
  }

  @Override
  public JobResult run(NomadJob job) {
    JobRunner.Outcome submitted = submit(job);
    JobRunner.Outcome done = follow(submitted);
    if (done.exitCode() != 0) {
      throw BootyException.failure("job " + job.id() + ": " + done.message());
    }
    return new JobResult(job.id(), submitted.evalId() != null, submitted.message());
  }

  @Override
  public boolean stop(String id) {
    if (nomad.job(id) == null) {
      return false;
    }
    Integer left = JobStops.stopAndPurge(nomad, List.of(id), Duration.ofSeconds(90)).get(id);
    if (left != null) {
      throw BootyException.failure(
          "job " + id + " still has " + left + " allocation(s) running 90 s after stop");
    }
    return true;
  }

  private Map<String, String> withSource(NomadJob job) {
    Map<String, String> m = new LinkedHashMap<>(meta);
    m.put(JobMeta.SOURCE, job.id());
    return m;
  }
}
