package dev.booty.core.nomad;

/** The meta keys booty puts on every job it submits. */
public final class JobMeta {
  public static final String SUBMITTED_BY = "booty_submitted_by";
  public static final String SCENARIO = "booty_scenario";
  public static final String BOOTY_VERSION = "booty_version";
  public static final String SOURCE = "booty_source";

  /** A hash of the job text and variables booty submitted: unchanged jobs are not resubmitted. */
  public static final String SPEC = "booty_spec";

  private JobMeta() {}
}
