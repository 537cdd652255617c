package dev.booty.core.backchannel.protocol;

import dev.booty.core.BootyException;
import io.nats.client.Connection;
import io.nats.client.Consumer;
import io.nats.client.ErrorListener;
import io.nats.client.Nats;
import io.nats.client.Options;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Connections to the control-plane NATS. Every one goes to exactly the URL it is given: no server
 * the cluster gossips, no randomising, so the control path never moves to the data path's servers.
 */
public final class ProtocolConnections {
  private ProtocolConnections() {}

  /**
   * Why a connect failed: the server's error (Authorization Violation), else the client's exception
   * (Connection refused), else {@code e}'s own message. jnats reports the first two to its
   * listeners on another thread, so this waits up to 200 ms for them.
   */
  public static String reason(
      Supplier<String> serverError, Supplier<String> exception, IOException e) {
    for (int i = 0; i < 20 && serverError.get() == null && exception.get() == null; i++) {
      try {
        Thread.sleep(10);
      } catch (InterruptedException ie) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    String server = serverError.get();
    String client = exception.get();
    return server != null ? server : client != null ? client : Protocol.reason(e);
  }

  /**
   * The options all back-channel connections share: {@code url} only, with {@code creds} if any.
   */
  public static Options.Builder explicit(String url, Path creds) {
    Options.Builder b =
        new Options.Builder()
            .server(url)
            .ignoreDiscoveredServers()
            .noRandomize()
            .connectionTimeout(Duration.ofSeconds(3))
            .connectionName("booty");
    if (creds != null) {
      b.authHandler(Nats.credentials(creds.toString()));
    }
    return b;
  }

  /**
   * booty's side (the CLI): one connection, without reconnecting, reporting requests nobody
   * subscribes to. Fails with a message naming the URL, the creds and the server's reason; once
   * connected, what the server refuses (a permission) goes to {@code warn}.
   */
  public static Connection connect(
      String url, Path creds, java.util.function.Consumer<String> warn) {
    if (creds != null && !Files.isRegularFile(creds)) {
      throw BootyException.usage("creds file " + creds + " does not exist");
    }
    AtomicReference<String> serverError = new AtomicReference<>();
    AtomicReference<String> exception = new AtomicReference<>();
    Options options =
        explicit(url, creds)
            .maxReconnects(0)
            .reportNoResponders()
            .errorListener(
                new ErrorListener() {
                  @Override
                  public void errorOccurred(Connection conn, String error) {
                    if (conn != null && conn.getStatus() == Connection.Status.CONNECTED) {
                      warn.accept(url + ": " + error);
                    } else {
                      serverError.set(error);
                    }
                  }

                  @Override
                  public void exceptionOccurred(Connection conn, Exception exp) {
                    exception.set(Protocol.reason(exp));
                  }

                  @Override
                  public void slowConsumerDetected(Connection conn, Consumer consumer) {}
                })
            .build();
    try {
      return Nats.connect(options);
    } catch (IOException e) {
      throw BootyException.failure(
          "cannot connect to the control plane at "
              + url
              + (creds == null ? " (no creds)" : " with " + creds)
              + ": "
              + reason(serverError::get, exception::get, e));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw BootyException.failure("interrupted while connecting to " + url);
    }
  }

  /**
   * Connects with {@code options} again and again until it succeeds or {@code stop} says so,
   * waiting 0.5 s, doubling to 30 s, between tries; each failure is told to {@code failed} with the
   * wait that follows. For the supervisor's companions, which start before anyone may need the
   * control plane and must never give up on it.
   *
   * @return the connection; null when stopped first
   */
  public static Connection connectPatiently(
      Options options,
      java.util.function.BooleanSupplier stop,
      java.util.function.BiConsumer<IOException, Long> failed) {
    for (long attempt = 0; !stop.getAsBoolean(); attempt++) {
      try {
        return Nats.connect(options);
      } catch (IOException e) {
        long wait = Math.min(30_000, 500L << Math.min(attempt, 6));
        failed.accept(e, wait);
        if (!dev.booty.core.util.Poll.sleep(Duration.ofMillis(wait))) {
          return null;
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return null;
      }
    }
    return null;
  }
}
