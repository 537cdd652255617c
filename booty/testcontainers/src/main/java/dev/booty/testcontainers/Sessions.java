package dev.booty.testcontainers;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.ContainerNetwork;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;

/**
 * What one {@link NatsSuperCluster} started, found by labels: every container and the network carry
 * {@value #SESSION} (a UUID) and {@value #PID} (this JVM). There is no Ryuk on Podman, so the
 * cluster removes its own things on stop and at JVM exit, and a start removes what a dead JVM left.
 */
final class Sessions {
  static final String SESSION = "dev.booty.testcontainers.session";
  static final String PID = "dev.booty.testcontainers.pid";

  private final String id = UUID.randomUUID().toString();

  String id() {
    return id;
  }

  Map<String, String> labels() {
    return Map.of(SESSION, id, PID, Long.toString(ProcessHandle.current().pid()));
  }

  /**
   * The container's address on the network (the one its name resolves to for its peers). Podman
   * reports the network's ID under another spelling than Docker, and a cluster's containers are on
   * its network alone: the one address there is.
   */
  String address(GenericContainer<?> c, Network network) {
    Map<String, ContainerNetwork> nets = c.getContainerInfo().getNetworkSettings().getNetworks();
    List<String> addresses =
        nets.values().stream()
            .filter(n -> n.getIpAddress() != null && !n.getIpAddress().isEmpty())
            .filter(n -> nets.size() == 1 || network.getId().equals(n.getNetworkID()))
            .map(ContainerNetwork::getIpAddress)
            .toList();
    if (addresses.size() != 1) {
      throw new IllegalStateException(
          "container "
              + c.getContainerName()
              + " has no single address on network "
              + network.getId()
              + ": "
              + nets);
    }
    return addresses.get(0);
  }

  /** Containers of this session, running or not. */
  List<Container> containers(DockerClient docker) {
    return docker.listContainersCmd().withShowAll(true).withLabelFilter(Map.of(SESSION, id)).exec();
  }

  /** Removes containers and networks of this session that are still there; returns how many. */
  int removeAll(DockerClient docker) {
    int removed = 0;
    for (Container c : containers(docker)) {
      removed += remove(docker, c.getId());
    }
    for (var n : docker.listNetworksCmd().withFilter("label", List.of(SESSION + "=" + id)).exec()) {
      try {
        docker.removeNetworkCmd(n.getId()).exec();
        removed++;
      } catch (RuntimeException e) {
        // gone already
      }
    }
    return removed;
  }

  /** Removes what a JVM that no longer runs left behind (it was killed before it could). */
  static int removeOrphans(DockerClient docker) {
    int removed = 0;
    for (Container c :
        docker.listContainersCmd().withShowAll(true).withLabelFilter(List.of(PID)).exec()) {
      if (!alive(c.getLabels().get(PID))) {
        removed += remove(docker, c.getId());
      }
    }
    for (var n : docker.listNetworksCmd().withFilter("label", List.of(PID)).exec()) {
      if (n.getLabels() != null && !alive(n.getLabels().get(PID))) {
        try {
          docker.removeNetworkCmd(n.getId()).exec();
          removed++;
        } catch (RuntimeException e) {
          // in use or gone
        }
      }
    }
    return removed;
  }

  private static boolean alive(String pid) {
    try {
      return pid != null && ProcessHandle.of(Long.parseLong(pid)).isPresent();
    } catch (NumberFormatException e) {
      return false;
    }
  }

  private static int remove(DockerClient docker, String containerId) {
    try {
      docker.removeContainerCmd(containerId).withForce(true).withRemoveVolumes(true).exec();
      return 1;
    } catch (RuntimeException e) {
      return 0;
    }
  }
}
