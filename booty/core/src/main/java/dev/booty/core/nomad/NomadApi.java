package dev.booty.core.nomad;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;

/** What booty asks of Nomad; {@link NomadHttp} talks to its HTTP API for all of it. */
public interface NomadApi {

  /** The API address, e.g. {@code http://127.0.0.1:14646}. */
  String address();

  /** HCL2 to a canonical job (POST /v1/jobs/parse); Nomad's own errors name file and line. */
  ObjectNode parse(String hcl, String variables, String fileName);

  /** Registers a job; returns the evaluation id. */
  String register(ObjectNode job);

  JsonNode evaluation(String id);

  /** The job's latest deployment, or null when it has none. */
  JsonNode latestDeployment(String jobId);

  /** The job, or null when Nomad does not know it. */
  JsonNode job(String jobId);

  JsonNode allocations(String jobId);

  /**
   * The last {@code bytes} of a task's stderr (through the server, from whichever client runs it),
   * or empty when Nomad cannot serve it.
   */
  String stderrTail(String allocId, String task, int bytes);

  /** Job stubs: id, type, status, meta. */
  List<JobSummary> jobs();

  /** Stops (and with {@code purge} removes) a job; returns the evaluation id. */
  String stop(String jobId, boolean purge);

  /** One row of the job list. */
  /**
   * Sets a task group's count without changing the job's spec (Nomad's scale endpoint): running
   * allocations are kept; returns the evaluation's id.
   */
  default String scale(String jobId, String group, int count) {
    throw new UnsupportedOperationException("scale");
  }

  /**
   * Writes a Nomad Variable ({@code PUT /v1/var/PATH}), replacing its items. A variable at {@code
   * nomad/jobs/JOB} is readable by that job's tasks only (and by booty's management token).
   */
  default void putVariable(String path, Map<String, String> items) {
    throw new UnsupportedOperationException("put variable");
  }

  /** The paths of the Nomad Variables under {@code prefix}. */
  default List<String> variablePaths(String prefix) {
    throw new UnsupportedOperationException("list variables");
  }

  /** Deletes a Nomad Variable; false when there was none. */
  default boolean deleteVariable(String path) {
    throw new UnsupportedOperationException("delete variable");
  }

  /** Restarts an allocation's tasks in place (its files and address are kept). */
  default void restartAllocation(String allocId) {
    throw new UnsupportedOperationException("restart allocation");
  }

  /**
   * A job as Nomad lists it.
   *
   * @param running its allocations running now, over all task groups
   */
  record JobSummary(
      String id, String type, String status, boolean stopped, String submittedBy, int running) {}
}
