package dev.booty.plugin.sdk;

import dev.booty.api.BootyExtension;
import dev.booty.plugin.protocol.Errors;
import io.grpc.Context;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.util.List;
import java.util.concurrent.Callable;

/** What every extension service does with a call: find the extension, run, answer. */
final class Calls {

  private Calls() {}

  /**
   * Runs a call on this thread, interrupted when booty cancels the call, and answers its result or
   * its exception as the status {@link Errors} names.
   */
  static <T> void run(StreamObserver<T> answer, Callable<T> work) {
    Thread worker = Thread.currentThread();
    Context.CancellationListener interrupt = context -> worker.interrupt();
    Context.current().addListener(interrupt, Runnable::run);
    try {
      T result = work.call();
      answer.onNext(result);
      answer.onCompleted();
    } catch (Exception | LinkageError e) {
      answer.onError(Errors.toStatus(e));
    } finally {
      Context.current().removeListener(interrupt);
      Thread.interrupted();
    }
  }

  /**
   * The extension of this id, or NOT_FOUND naming what the plugin has.
   *
   * @param kind for the message: {@code cluster provider}
   */
  static <T extends BootyExtension> T find(List<T> extensions, String id, String kind) {
    return extensions.stream()
        .filter(e -> e.id().equals(id))
        .findFirst()
        .orElseThrow(
            () ->
                Status.NOT_FOUND
                    .withDescription(
                        "this plugin has no %s '%s'; it has: %s"
                            .formatted(
                                kind,
                                id,
                                String.join(
                                    ", ", extensions.stream().map(BootyExtension::id).toList())))
                    .asRuntimeException());
  }

  /**
   * The extension as an ability's interface, or an {@link UnsupportedOperationException} (answered
   * as UNIMPLEMENTED) saying the extension does not offer it.
   *
   * @param ability as plugin.yaml and {@code Describe} name it: {@code wan}
   */
  static <A> A ability(BootyExtension extension, Class<A> type, String kind, String ability) {
    if (!type.isInstance(extension)) {
      throw new UnsupportedOperationException(
          "%s '%s' does not offer the ability '%s' (%s)"
              .formatted(kind, extension.id(), ability, type.getSimpleName()));
    }
    return type.cast(extension);
  }
}
