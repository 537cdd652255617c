package dev.booty.dist;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * The one booty stack of the integration tests that need one: the first class that asks for a
 * {@link TestStack} parameter boots it (every component any of them installs), later classes get
 * the same stack, and it goes down once every test of the run has ended, also when one failed. Each
 * class keeps to its own scenario name and loopback subnet and destroys what it deployed, so
 * sharing costs nothing but saves a stack's install, boot and shutdown per class.
 */
final class SharedStack implements ParameterResolver {
  /**
   * What any of the classes installs; {@code nats-server@2.10.27} is the rolling upgrade's start.
   */
  static final String[] COMPONENTS = {
    "nomad",
    "consul",
    "nats-server",
    "nats-server@2.10.27",
    "toxiproxy",
    "caddy",
    "victoria-metrics",
    "pdns-server"
  };

  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(SharedStack.class);

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == TestStack.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return context
        .getRoot()
        .getStore(NAMESPACE)
        .getOrComputeIfAbsent(Booted.class, k -> Booted.boot(), Booted.class)
        .stack;
  }

  /** The stack and the folder it lives in; closed by JUnit when the run's root context ends. */
  private record Booted(Path dir, TestStack stack) implements AutoCloseable {
    static Booted boot() {
      Path dir = null;
      try {
        dir = Files.createTempDirectory("booty-it-stack-");
        return new Booted(dir, TestStack.up(dir.resolve("home"), COMPONENTS));
      } catch (Exception | AssertionError e) {
        if (dir != null) {
          try {
            Distribution.endEverythingUnder(dir);
            delete(dir);
          } catch (IOException | InterruptedException | RuntimeException suppressed) {
            e.addSuppressed(suppressed);
          }
        }
        throw new IllegalStateException("the shared test stack did not come up: " + e, e);
      }
    }

    @Override
    public void close() throws Exception {
      try {
        Distribution.Run down = stack.booty.run("down");
        if (down.exitCode() != 0) {
          System.err.println("booty down of the shared test stack: " + down);
        }
      } finally {
        Distribution.endEverythingUnder(dir);
        delete(dir);
      }
    }

    /** Removes the folder; what cannot be removed is named, not thrown: the tests are over. */
    private static void delete(Path dir) {
      try {
        Files.walkFileTree(
            dir,
            new SimpleFileVisitor<>() {
              @Override
              public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
                  throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
              }

              @Override
              public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                Files.delete(d);
                return FileVisitResult.CONTINUE;
              }
            });
      } catch (IOException e) {
        System.err.println("the shared test stack's folder " + dir + " is not all removed: " + e);
      }
    }
  }
}
