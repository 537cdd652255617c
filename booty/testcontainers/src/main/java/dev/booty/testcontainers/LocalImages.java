package dev.booty.testcontainers;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;

/**
 * Images are made on this machine by {@code booty image build} and never pulled: a missing one is
 * an error that says how to make it, before Testcontainers would try a registry.
 */
final class LocalImages {
  private LocalImages() {}

  static void require(DockerClient docker, String image) {
    try {
      docker.inspectImageCmd(image).exec();
    } catch (NotFoundException e) {
      throw new IllegalStateException(missing(image), e);
    }
  }

  /** The error for a missing image, naming the command that builds it. */
  static String missing(String image) {
    String ref = image;
    int slash = image.lastIndexOf('/');
    if (image.startsWith("localhost/booty/") && slash > 0) {
      String nameTag = image.substring(slash + 1);
      int colon = nameTag.indexOf(':');
      ref =
          colon < 0 || nameTag.endsWith(":latest")
              ? nameTag.substring(0, colon < 0 ? nameTag.length() : colon)
              : nameTag.substring(0, colon) + "@" + nameTag.substring(colon + 1);
    }
    return "image "
        + image
        + " is missing: run 'booty image build "
        + ref
        + "' (no registry is used)";
  }
}
