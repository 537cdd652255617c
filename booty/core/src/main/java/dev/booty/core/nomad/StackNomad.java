package dev.booty.core.nomad;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.hashicorp.nomad.apimodel.JobListStub;
import com.hashicorp.nomad.javasdk.NomadApiClient;
import com.hashicorp.nomad.javasdk.NomadApiConfiguration;
import com.hashicorp.nomad.javasdk.NomadException;
import dev.booty.core.BootyException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * booty's Nomad: the Nomad Java SDK where it works against the Nomad booty installs (listing and
 * stopping jobs), the HTTP API for the rest. The SDK (last release 0.11.3, for Nomad 0.11) has no
 * {@code /v1/jobs/parse}, and its {@code Job} model would drop fields newer jobs carry (node pools,
 * workload identities, ...) on register, so parse, register, and the raw JSON of jobs, evaluations,
 * deployments and allocations go over HTTP. See docs/decisions.md.
 */
public final class StackNomad implements NomadApi {
  private final NomadHttp http;
  private final NomadApiClient sdk;

  public StackNomad(String address) {
    this.http = new NomadHttp(address);
    this.sdk =
        new NomadApiClient(new NomadApiConfiguration.Builder().setAddress(http.address()).build());
  }

  @Override
  public String address() {
    return http.address();
  }

  @Override
  public ObjectNode parse(String hcl, String variables, String fileName) {
    return http.parse(hcl, variables, fileName);
  }

  @Override
  public String register(ObjectNode job) {
    return http.register(job);
  }

  @Override
  public JsonNode evaluation(String id) {
    return http.evaluation(id);
  }

  @Override
  public JsonNode latestDeployment(String jobId) {
    return http.latestDeployment(jobId);
  }

  @Override
  public JsonNode job(String jobId) {
    return http.job(jobId);
  }

  @Override
  public JsonNode allocations(String jobId) {
    return http.allocations(jobId);
  }

  @Override
  public String stderrTail(String allocId, String task, int bytes) {
    return http.stderrTail(allocId, task, bytes);
  }

  @Override
  public List<JobSummary> jobs() {
    try {
      List<JobSummary> out = new ArrayList<>();
      for (JobListStub j : sdk.getJobsApi().list().getValue()) {
        // the SDK's list stub has no meta; the submitter comes from the job itself
        JsonNode job = http.job(j.getId());
        String by = job == null ? null : job.path("Meta").path(JobMeta.SUBMITTED_BY).asText(null);
        int running =
            j.getJobSummary() == null || j.getJobSummary().getSummary() == null
                ? 0
                : j.getJobSummary().getSummary().values().stream()
                    .mapToInt(g -> g.getRunning())
                    .sum();
        out.add(new JobSummary(j.getId(), j.getType(), j.getStatus(), j.getStop(), by, running));
      }
      return out;
    } catch (IOException e) {
      throw unreachable(e);
    } catch (NomadException e) {
      throw BootyException.failure("Nomad refused to list jobs: " + e.getMessage());
    }
  }

  @Override
  public String scale(String jobId, String group, int count) {
    return http.scale(jobId, group, count);
  }

  @Override
  public void restartAllocation(String allocId) {
    http.restartAllocation(allocId);
  }

  @Override
  public String stop(String jobId, boolean purge) {
    if (http.job(jobId) == null) {
      throw BootyException.failure(
          "Nomad knows no job '" + jobId + "' (booty job list shows the jobs)");
    }
    try {
      return sdk.getJobsApi().deregister(jobId, purge).getValue();
    } catch (IOException e) {
      throw unreachable(e);
    } catch (NomadException e) {
      if (e.getMessage() != null && e.getMessage().contains("404")) {
        throw BootyException.failure("Nomad knows no job '" + jobId + "'");
      }
      throw BootyException.failure("Nomad refused to stop " + jobId + ": " + e.getMessage());
    }
  }

  private BootyException unreachable(IOException e) {
    return BootyException.broken(
        "cannot reach Nomad at "
            + http.address()
            + " ("
            + e.getClass().getSimpleName()
            + "); is the stack up? 'booty up' starts it");
  }
}
