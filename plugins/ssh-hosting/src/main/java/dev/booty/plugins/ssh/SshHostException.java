package dev.booty.plugins.ssh;

import java.util.List;
import java.util.stream.Collectors;

/**
 * What went wrong on one or more hosts, each as {@code host ADDRESS (datacenter DC): cause}. Checks
 * collect every host's problems into one; a single connection or command throws it with one.
 */
final class SshHostException extends RuntimeException {

  /** One host's problem. */
  record Problem(SshHostSpec host, String cause) {
    @Override
    public String toString() {
      return host.label() + ": " + cause;
    }
  }

  private final transient List<Problem> problems;

  SshHostException(SshHostSpec host, String cause) {
    this(List.of(new Problem(host, cause)), null, null);
  }

  SshHostException(SshHostSpec host, String cause, Throwable reason) {
    this(List.of(new Problem(host, cause)), null, reason);
  }

  /** Several problems under one heading, each on its own line. */
  SshHostException(String heading, List<Problem> problems) {
    this(problems, heading, null);
  }

  private SshHostException(List<Problem> problems, String heading, Throwable reason) {
    super(message(heading, problems), reason);
    this.problems = List.copyOf(problems);
  }

  List<Problem> problems() {
    return problems;
  }

  private static String message(String heading, List<Problem> problems) {
    if (heading == null) {
      return problems.stream().map(Problem::toString).collect(Collectors.joining("\n"));
    }
    return heading + problems.stream().map(p -> "\n  " + p).collect(Collectors.joining());
  }
}
