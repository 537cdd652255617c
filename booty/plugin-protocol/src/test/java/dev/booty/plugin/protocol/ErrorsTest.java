package dev.booty.plugin.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Status;
import org.junit.jupiter.api.Test;

class ErrorsTest {

  @Test
  void contractExceptionsKeepTheirKindAndMessage() {
    var back = Errors.toApiException(Errors.toStatus(new IllegalArgumentException("no dc 'x'")));
    assertThat(back.orElseThrow())
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessage("no dc 'x'");
    assertThat(Errors.toApiException(Errors.toStatus(new IllegalStateException("down"))))
        .containsInstanceOf(IllegalStateException.class);
    assertThat(Errors.toApiException(Errors.toStatus(new UnsupportedOperationException("no"))))
        .containsInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void otherExceptionsTravelAsUnknownWithTheirClassName() {
    var status = Errors.toStatus(new NullPointerException("x is null"));
    assertThat(status.getStatus().getCode()).isEqualTo(Status.Code.UNKNOWN);
    assertThat(status.getStatus().getDescription()).isEqualTo("NullPointerException: x is null");
    assertThat(Errors.toApiException(status)).isEmpty();
    assertThat(Errors.toStatus(new InterruptedException()).getStatus().getCode())
        .isEqualTo(Status.Code.CANCELLED);
  }

  @Test
  void aStatusStaysAsItIs() {
    var status = Status.NOT_FOUND.withDescription("no hosting provider 'x'").asRuntimeException();
    assertThat(Errors.toStatus(status).getStatus().getDescription())
        .isEqualTo("no hosting provider 'x'");
    assertThat(Errors.toStatus(status).getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
  }
}
