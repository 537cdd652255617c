package dev.booty.core;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Exit codes of every booty command, named once: the CLI maps exceptions to them in one place and
 * prints this table in {@code booty --help}.
 */
public enum ExitCode {
  OK(0, "ok: done, every expectation held"),
  /** The work failed: a download, a checksum, a build, a verification, an expectation. */
  FAILURE(1, "failure: the operation failed or an expectation did not hold"),
  /** The command line or an input was wrong: unknown component, version, option, invalid file. */
  USAGE(2, "bad usage or input: unknown option, component or version, an invalid file"),
  /**
   * The work could not complete, so nothing was judged: the stack not up, Nomad unreachable, a
   * scenario run that broke (its report says why, e.g. clients that never connected).
   */
  BROKEN(
      3,
      "broken: the run or operation could not complete (stack not up, Nomad unreachable,"
          + " clients never connected)");

  private final int code;
  private final String meaning;

  ExitCode(int code, String meaning) {
    this.code = code;
    this.meaning = meaning;
  }

  public int code() {
    return code;
  }

  /** What the code means, for help texts. */
  public String meaning() {
    return meaning;
  }

  /** Every code with its meaning, in order: picocli's {@code exitCodeList}. */
  public static Map<String, String> table() {
    Map<String, String> m = new LinkedHashMap<>();
    Arrays.stream(values()).forEach(c -> m.put(c.code + ":", c.meaning));
    return m;
  }
}
