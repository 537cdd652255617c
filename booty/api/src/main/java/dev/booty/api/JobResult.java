package dev.booty.api;

/**
 * What running a {@link NomadJob} did.
 *
 * @param id the job id
 * @param changed false when Nomad already ran exactly this job, so nothing was submitted
 * @param message what happened, for people
 */
public record JobResult(String id, boolean changed, String message) {}
