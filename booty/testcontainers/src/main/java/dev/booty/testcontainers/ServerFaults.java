package dev.booty.testcontainers;

import com.github.dockerjava.api.DockerClient;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The servers taken out and how, so that heal undoes exactly that: a pause (the cgroup freezer;
 * where the engine cannot pause, SIGSTOP), or a kill (heal starts the same container again: same
 * configuration, same host port, same JetStream files).
 */
final class ServerFaults {
  private enum How {
    PAUSED,
    STOPPED,
    KILLED
  }

  private final Map<String, How> out = new LinkedHashMap<>();

  void takeOut(DockerClient docker, String containerId, Outage kind) {
    if (out.containsKey(containerId)) {
      return;
    }
    if (kind == Outage.HARD) {
      docker.killContainerCmd(containerId).exec();
      out.put(containerId, How.KILLED);
      return;
    }
    try {
      docker.pauseContainerCmd(containerId).exec();
      out.put(containerId, How.PAUSED);
    } catch (RuntimeException pauseFailed) {
      docker.killContainerCmd(containerId).withSignal("SIGSTOP").exec();
      out.put(containerId, How.STOPPED);
    }
  }

  void healAll(DockerClient docker) {
    for (var e : out.entrySet()) {
      switch (e.getValue()) {
        case PAUSED -> docker.unpauseContainerCmd(e.getKey()).exec();
        case STOPPED -> docker.killContainerCmd(e.getKey()).withSignal("SIGCONT").exec();
        case KILLED -> docker.startContainerCmd(e.getKey()).exec();
      }
    }
    out.clear();
  }

  /** Before removal: frozen containers thawed (an engine may refuse to remove a paused one). */
  void release(DockerClient docker) {
    for (var e : out.entrySet()) {
      try {
        switch (e.getValue()) {
          case PAUSED -> docker.unpauseContainerCmd(e.getKey()).exec();
          case STOPPED -> docker.killContainerCmd(e.getKey()).withSignal("SIGCONT").exec();
          case KILLED -> {}
        }
      } catch (RuntimeException ignored) {
        // removal is forced next; this only makes it easier
      }
    }
    out.clear();
  }
}
