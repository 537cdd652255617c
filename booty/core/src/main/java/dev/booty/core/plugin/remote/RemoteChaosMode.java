package dev.booty.core.plugin.remote;

import dev.booty.api.ChaosContext;
import dev.booty.api.ChaosMode;
import dev.booty.core.BootyException;
import dev.booty.plugin.grpc.v1.ChaosCall;
import dev.booty.plugin.grpc.v1.ChaosModeGrpc;
import dev.booty.plugin.grpc.v1.Record;
import dev.booty.plugin.protocol.ChaosCodec;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A chaos mode served by an executable plugin: each method is one call with a deadline (prepare and
 * takesOut 30 s, heal 5 min, inject the fault's duration plus the plugin's call timeout).
 * Interrupting booty's thread cancels an inject, which interrupts the mode in the plugin. A heal
 * after the plugin crashed starts it once more, as healing needs only the record.
 */
public final class RemoteChaosMode extends RemoteProxy implements ChaosMode {
  static final Duration PREPARE = Duration.ofSeconds(30);
  static final Duration HEAL = Duration.ofMinutes(5);

  public RemoteChaosMode(ExecPlugin plugin, String id) {
    super(plugin, id, "ChaosMode");
  }

  @Override
  public Map<String, String> prepare(FaultSpec fault, ChaosContext context) {
    return plugin.call(
        what("Prepare"),
        PREPARE,
        plugin(context),
        context,
        (channel, ctx) ->
            ChaosModeGrpc.newBlockingStub(channel)
                .prepare(call(ctx, context).setFault(ChaosCodec.toMessage(fault)).build())
                .getEntriesMap());
  }

  @Override
  public List<String> takesOut(FaultSpec fault, ChaosContext context) {
    return plugin.call(
        what("TakesOut"),
        PREPARE,
        plugin(context),
        context,
        (channel, ctx) ->
            List.copyOf(
                ChaosModeGrpc.newBlockingStub(channel)
                    .takesOut(call(ctx, context).setFault(ChaosCodec.toMessage(fault)).build())
                    .getNamesList()));
  }

  @Override
  public void inject(FaultSpec fault, Map<String, String> record, ChaosContext context)
      throws InterruptedException {
    Duration deadline =
        (fault.duration() == null ? Duration.ZERO : fault.duration()).plus(plugin.callTimeout());
    try {
      plugin.call(
          what("Inject"),
          deadline,
          plugin(context),
          context,
          (channel, ctx) ->
              ChaosModeGrpc.newBlockingStub(channel)
                  .inject(
                      call(ctx, context)
                          .setFault(ChaosCodec.toMessage(fault))
                          .setRecord(Record.newBuilder().putAllEntries(record))
                          .build()));
    } catch (ExecPlugin.Interrupted e) {
      throw new InterruptedException(e.getMessage());
    }
  }

  @Override
  public void heal(Map<String, String> record, ChaosContext context) {
    try {
      healOnce(record, context);
    } catch (BootyException e) {
      if (!plugin.restartOnce()) {
        throw e;
      }
      context.plugin().progress("plugin " + plugin.id() + " restarted to heal '" + id + "'");
      healOnce(record, context);
    }
  }

  private void healOnce(Map<String, String> record, ChaosContext context) {
    plugin.call(
        what("Heal"),
        HEAL,
        plugin(context),
        context,
        (channel, ctx) ->
            ChaosModeGrpc.newBlockingStub(channel)
                .heal(
                    call(ctx, context)
                        .setRecord(Record.newBuilder().putAllEntries(record))
                        .build()));
  }

  /**
   * The plugin context of a chaos context, or null while a run is being planned (booty's planning
   * context has none: the mode's Host calls that need it are refused then).
   */
  private static dev.booty.api.PluginContext plugin(ChaosContext context) {
    try {
      return context.plugin();
    } catch (IllegalStateException e) {
      return null;
    }
  }

  private ChaosCall.Builder call(dev.booty.plugin.grpc.v1.Context ctx, ChaosContext context) {
    return ChaosCall.newBuilder()
        .setExtensionId(id)
        .setContext(ctx)
        .setWorld(ChaosCodec.world(context));
  }
}
