package dev.booty.plugin.protocol;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.Optional;

/**
 * Exceptions across the process boundary, both ways: the few kinds the API's contracts name keep
 * their kind and message ({@link IllegalArgumentException} as INVALID_ARGUMENT, {@link
 * IllegalStateException} as FAILED_PRECONDITION, {@link UnsupportedOperationException} as
 * UNIMPLEMENTED, interruption as CANCELLED); anything else travels as UNKNOWN with its message.
 */
public final class Errors {

  private Errors() {}

  /** The status a plugin (or booty's Host service) answers for an exception. */
  public static StatusRuntimeException toStatus(Throwable error) {
    if (error instanceof StatusRuntimeException s) {
      // already a status: its message would repeat the code ("NOT_FOUND: NOT_FOUND: ...")
      return s;
    }
    Status status =
        switch (error) {
          case IllegalArgumentException e -> Status.INVALID_ARGUMENT;
          case IllegalStateException e -> Status.FAILED_PRECONDITION;
          case UnsupportedOperationException e -> Status.UNIMPLEMENTED;
          case InterruptedException e -> Status.CANCELLED;
          default -> Status.UNKNOWN;
        };
    String message = error.getMessage() != null ? error.getMessage() : error.toString();
    if (status.getCode() == Status.Code.UNKNOWN) {
      message = error.getClass().getSimpleName() + ": " + message;
    }
    return status.withDescription(message).asRuntimeException();
  }

  /**
   * The exception the API contract names for a status, with the remote message; empty for codes the
   * caller must explain itself (deadline, unavailable, cancelled, internal, unknown).
   */
  public static Optional<RuntimeException> toApiException(StatusRuntimeException error) {
    String message = error.getStatus().getDescription();
    return Optional.ofNullable(
        switch (error.getStatus().getCode()) {
          case INVALID_ARGUMENT -> new IllegalArgumentException(message);
          case FAILED_PRECONDITION -> new IllegalStateException(message);
          case UNIMPLEMENTED -> new UnsupportedOperationException(message);
          default -> null;
        });
  }
}
