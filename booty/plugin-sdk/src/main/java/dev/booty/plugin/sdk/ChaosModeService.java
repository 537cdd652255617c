package dev.booty.plugin.sdk;

import com.google.protobuf.Empty;
import dev.booty.api.ChaosMode;
import dev.booty.plugin.grpc.v1.ChaosCall;
import dev.booty.plugin.grpc.v1.ChaosModeGrpc;
import dev.booty.plugin.grpc.v1.Names;
import dev.booty.plugin.grpc.v1.Record;
import dev.booty.plugin.protocol.ChaosCodec;
import dev.booty.plugin.protocol.Errors;
import io.grpc.Channel;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.util.List;
import java.util.Map;

/**
 * Serves a plugin's {@link ChaosMode}s over gRPC: each call finds its mode by id, hands it a {@link
 * HostContext} built from the call, and answers the mode's result or its exception ({@link
 * Errors}). booty cancelling a call (its run was interrupted) interrupts the mode's thread.
 */
final class ChaosModeService extends ChaosModeGrpc.ChaosModeImplBase {
  private final List<ChaosMode> modes;
  private final Channel host;

  ChaosModeService(List<ChaosMode> modes, Channel host) {
    this.modes = List.copyOf(modes);
    this.host = host;
  }

  @Override
  public void prepare(ChaosCall call, StreamObserver<Record> answer) {
    Calls.run(
        answer,
        () -> {
          Map<String, String> record =
              mode(call).prepare(ChaosCodec.fromMessage(call.getFault()), context(call));
          return Record.newBuilder().putAllEntries(record).build();
        });
  }

  @Override
  public void takesOut(ChaosCall call, StreamObserver<Names> answer) {
    Calls.run(
        answer,
        () ->
            Names.newBuilder()
                .addAllNames(
                    mode(call).takesOut(ChaosCodec.fromMessage(call.getFault()), context(call)))
                .build());
  }

  @Override
  public void inject(ChaosCall call, StreamObserver<Empty> answer) {
    Calls.run(
        answer,
        () -> {
          mode(call)
              .inject(
                  ChaosCodec.fromMessage(call.getFault()),
                  call.getRecord().getEntriesMap(),
                  context(call));
          return Empty.getDefaultInstance();
        });
  }

  @Override
  public void heal(ChaosCall call, StreamObserver<Empty> answer) {
    Calls.run(
        answer,
        () -> {
          mode(call).heal(call.getRecord().getEntriesMap(), context(call));
          return Empty.getDefaultInstance();
        });
  }

  private HostContext context(ChaosCall call) {
    return new HostContext(call.getContext(), call.getWorld(), host);
  }

  private ChaosMode mode(ChaosCall call) {
    return modes.stream()
        .filter(m -> m.id().equals(call.getExtensionId()))
        .findFirst()
        .orElseThrow(
            () ->
                Status.NOT_FOUND
                    .withDescription(
                        "this plugin has no chaos mode '" + call.getExtensionId() + "'")
                    .asRuntimeException());
  }
}
