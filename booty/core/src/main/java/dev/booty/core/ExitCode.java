package dev.booty.core;

/** Exit codes of every booty command, in the spirit of the Nomad and Consul CLIs. */
public enum ExitCode {
  OK(0),
  /** The work failed: a download, a checksum, a build, a verification. */
  FAILURE(1),
  /** The command line or an input was wrong: unknown component, version, option. */
  USAGE(2);

  private final int code;

  ExitCode(int code) {
    this.code = code;
  }

  public int code() {
    return code;
  }
}
