package dev.booty.api;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * A Nomad job a plugin asks booty to run: an HCL2 job file's text and values for its variables (HCL
 * literals such as lists and objects are passed as they are, other values are quoted).
 *
 * @param id the job id the file declares
 * @param hcl the job file's text
 * @param variables values for its variables
 */
public record NomadJob(String id, String hcl, Map<String, String> variables) {
  public NomadJob {
    // sorted: the same job must render the same variables, run after run
    variables = Collections.unmodifiableMap(new TreeMap<>(variables));
  }
}
