package dev.booty.core;

/**
 * An error booty reports to the user: one clear message and an exit code. The message names the
 * component, file, key, URL or port involved; the CLI prints it as is, without a stack trace.
 */
public class BootyException extends RuntimeException {
  private final ExitCode exitCode;

  public BootyException(ExitCode exitCode, String message) {
    super(message);
    this.exitCode = exitCode;
  }

  public BootyException(ExitCode exitCode, String message, Throwable cause) {
    super(message, cause);
    this.exitCode = exitCode;
  }

  /** A failure of the work itself (exit 1). */
  public static BootyException failure(String message) {
    return new BootyException(ExitCode.FAILURE, message);
  }

  /** Input the user can fix: unknown component or version, bad argument (exit 2). */
  public static BootyException usage(String message) {
    return new BootyException(ExitCode.USAGE, message);
  }

  /** Work that could not complete, so nothing was judged: an unreachable stack (exit 3). */
  public static BootyException broken(String message) {
    return new BootyException(ExitCode.BROKEN, message);
  }

  public ExitCode exitCode() {
    return exitCode;
  }
}
