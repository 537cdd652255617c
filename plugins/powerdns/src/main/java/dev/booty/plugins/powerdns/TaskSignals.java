package dev.booty.plugins.powerdns;

import java.io.IOException;

/** Sends a signal to the task running one data centre's pdns_server. */
interface TaskSignals {

  /**
   * Signals the running task of job {@code jobId}.
   *
   * @return false when no allocation of the job runs (nothing to signal)
   */
  boolean signal(String jobId, String signal) throws IOException, InterruptedException;
}
