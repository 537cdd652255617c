package dev.booty.core.stack;

import dev.booty.core.BootyException;
import dev.booty.core.home.BootyHome;
import dev.booty.core.install.ComponentStore;
import dev.booty.core.security.StackCredentials;
import dev.booty.core.util.FileTrees;
import dev.booty.core.util.Poll;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The local stack as {@code booty up | down | status} see it: the plan (services in start order),
 * the state the supervisor keeps, and the clean-up of processes a killed supervisor left behind.
 */
public final class StackController {
  private final StackContext ctx;
  private Optional<String> newPassword = Optional.empty();

  public StackController(BootyHome home, ComponentStore store, Map<String, Integer> portOverrides) {
    this(home, store, portOverrides, null);
  }

  /**
   * {@code network}: where other hosts are to reach the stack ({@code booty up --advertise}), null
   * to keep what the home remembers.
   */
  public StackController(
      BootyHome home,
      ComponentStore store,
      Map<String, Integer> portOverrides,
      StackNetwork network) {
    this.ctx =
        new StackContext(
            home,
            StackPorts.load(home.stack().ports(), portOverrides),
            store,
            network != null ? network : StackNetwork.load(home.stack().network()));
  }

  public StackContext context() {
    return ctx;
  }

  public Path stateFile() {
    return ctx.home().stack().state();
  }

  public Path supervisorLog() {
    return ctx.home().stack().supervisorLog();
  }

  /**
   * The services in start order, configs rendered; ports and the advertised address are remembered
   * for the next run. Fails first, changing nothing, when this machine lacks the address.
   */
  public List<ServiceSpec> plan() {
    ctx.network().requireLocal(StackNetwork.machineAddresses());
    try {
      List<ServiceSpec> plan = new ArrayList<>();
      newPassword = CaddyService.ensureCredentials(ctx);
      StackCredentials creds = StackCredentials.ensure(ctx.home());
      plan.add(ConsulService.describe(ctx, creds));
      Path podman = PodmanService.binary().orElse(null);
      if (podman != null) {
        plan.add(PodmanService.describe(ctx, podman));
      }
      plan.add(
          NomadService.describe(ctx, podman == null ? null : PodmanService.socket(ctx), creds));
      plan.add(NatsService.describe(ctx));
      plan.add(VictoriaMetricsService.describe(ctx, creds));
      plan.add(CaddyService.describe(ctx, creds));
      ctx.ports().save(ctx.home().stack().ports());
      ctx.network().save(ctx.home().stack().network());
      return plan;
    } catch (IOException e) {
      throw BootyException.failure("cannot prepare " + ctx.stackDir() + ": " + e.getMessage());
    }
  }

  /** The front door's password when {@link #plan()} just generated it (shown once), else empty. */
  public Optional<String> newPassword() {
    return newPassword;
  }

  /** Drops the front door's credentials, so the next {@link #plan()} makes a new password. */
  public void forgetPassword() {
    try {
      Files.deleteIfExists(ctx.serviceDir(CaddyService.NAME).resolve("auth.json"));
    } catch (IOException e) {
      throw BootyException.failure("cannot remove the old credentials: " + e.getMessage());
    }
  }

  public String frontDoor() {
    return CaddyService.frontDoor(ctx.ports());
  }

  /**
   * Fails when the running stack ({@code running}) advertises another address than this controller
   * was given: the services bind and their certificates name it at start, so it changes only with a
   * restart, which is the user's call (deployed data centres lose the stack meanwhile).
   */
  public void requireSameNetwork(StackState running) {
    String now = running.advertise() == null ? StackNetwork.LOOPBACK : running.advertise();
    String wanted = ctx.network().advertise();
    if (!now.equals(wanted)) {
      throw BootyException.failure(
          "the stack is up and advertises "
              + now
              + "; it cannot change to "
              + wanted
              + " while running: run 'booty down', then 'booty up --advertise "
              + wanted
              + "'");
    }
  }

  /**
   * Fails naming the port and the service when any planned port is taken, on the address it will
   * listen on ({@link StackNetwork#host}).
   */
  public static void checkPortsFree(List<ServiceSpec> plan, StackNetwork network) {
    for (ServiceSpec s : plan) {
      for (Map.Entry<String, Integer> port : s.ports().entrySet()) {
        String host = network.host(port.getKey());
        try (ServerSocket socket = new ServerSocket()) {
          socket.setReuseAddress(true);
          socket.bind(new java.net.InetSocketAddress(InetAddress.getByName(host), port.getValue()));
        } catch (IOException e) {
          throw BootyException.failure(
              "port "
                  + (host.equals(StackNetwork.LOOPBACK) ? "" : host + ":")
                  + port.getValue()
                  + " ("
                  + port.getKey()
                  + ", for "
                  + s.name()
                  + ") is already in use;"
                  + " free it or choose another with --port "
                  + port.getKey()
                  + "=PORT");
        }
      }
    }
  }

  public Optional<StackState> state() {
    return StackState.read(stateFile());
  }

  /**
   * Ends the services of a supervisor that is gone (killed with -9): each recorded pid that is
   * still alive and still runs the recorded executable. Returns what was ended.
   */
  public List<String> cleanOrphans(StackState state) {
    List<String> ended = new ArrayList<>();
    for (StackState.Service s : state.services()) {
      if (s.pid() <= 0) {
        continue;
      }
      Optional<ProcessHandle> p = ProcessHandle.of(s.pid()).filter(ProcessHandle::isAlive);
      boolean same =
          p.flatMap(h -> h.info().command()).map(c -> c.equals(s.executable())).orElse(false);
      if (p.isPresent() && same) {
        Supervisor.terminate(p.get(), Duration.ofSeconds(15));
        ended.add(s.name() + " (pid " + s.pid() + ")");
      }
    }
    try {
      Files.deleteIfExists(stateFile());
    } catch (IOException e) {
      throw BootyException.failure("cannot remove " + stateFile() + ": " + e.getMessage());
    }
    return ended;
  }

  /** Waits until the supervisor reports the stack up or failed, or dies. */
  public StackState awaitOutcome(ProcessHandle supervisor, Duration timeout) {
    Instant deadline = Instant.now().plus(timeout);
    while (Instant.now().isBefore(deadline)) {
      Optional<StackState> s = state().filter(st -> st.supervisorPid() == supervisor.pid());
      if (s.isPresent() && !s.get().phase().equals(StackState.STARTING)) {
        return s.get();
      }
      if (!supervisor.isAlive()) {
        return s.orElseThrow(
            () ->
                BootyException.failure(
                    "the supervisor exited before starting anything; see "
                        + supervisorLog()
                        + ":\n"
                        + Supervisor.tail(supervisorLog(), 15)));
      }
      Poll.pause(Duration.ofMillis(200));
    }
    throw BootyException.failure(
        "the stack was not up within " + timeout.toSeconds() + "s; see " + supervisorLog());
  }

  /**
   * Stops the stack: asks a live supervisor to stop (it stops the services in reverse order), or
   * ends the orphans of a dead one. {@code purge} also removes data and logs. Returns what it did.
   */
  public List<String> down(boolean purge) {
    List<String> done = new ArrayList<>();
    Optional<StackState> state = state();
    if (state.isPresent()) {
      StackState s = state.get();
      Optional<ProcessHandle> sup =
          ProcessHandle.of(s.supervisorPid()).filter(ProcessHandle::isAlive);
      if (sup.isPresent()) {
        sup.get().destroy();
        try {
          sup.get().onExit().get(60, java.util.concurrent.TimeUnit.SECONDS);
          done.add("stopped the supervisor (pid " + s.supervisorPid() + ") and its services");
        } catch (Exception e) {
          sup.get().destroyForcibly();
          done.add(
              "killed the supervisor (pid " + s.supervisorPid() + "): it did not stop within 60s");
        }
      }
      List<String> orphans = cleanOrphans(s);
      if (!orphans.isEmpty()) {
        done.add("ended " + String.join(", ", orphans));
      }
    }
    done.addAll(afterStop());
    if (purge) {
      try {
        for (String service :
            List.of(
                ConsulService.NAME,
                NomadService.NAME,
                VictoriaMetricsService.NAME,
                NatsService.NAME + "/jetstream",
                "logs")) {
          FileTrees.deleteRecursively(ctx.serviceDir(service));
        }
        done.add("removed data and logs under " + ctx.stackDir());
      } catch (IOException e) {
        throw BootyException.failure("cannot purge " + ctx.stackDir() + ": " + e.getMessage());
      }
    }
    return done;
  }

  /**
   * What stopping the services leaves to clean: the containers of Nomad's allocations and the
   * mounts Nomad made in them. Returns what was done.
   */
  public List<String> afterStop() {
    List<String> done = new ArrayList<>();
    int containers = removeNomadContainers();
    if (containers > 0) {
      done.add("removed " + containers + " container(s) of Nomad allocations");
    }
    List<String> unmounted = unmountLeftovers();
    if (!unmounted.isEmpty()) {
      done.add("unmounted " + unmounted.size() + " leftover mount(s) of Nomad allocations");
    }
    return done;
  }

  /**
   * Removes the containers Nomad's docker driver started for this stack's allocations: Podman runs
   * them under conmon, outside Nomad's process tree, so stopping Nomad does not end them. They
   * carry the label {@code com.hashicorp.nomad.alloc_id}; the ids are the allocation folders in
   * Nomad's data.
   */
  int removeNomadContainers() {
    Path podman = PodmanService.binary().orElse(null);
    Path allocs = ctx.serviceDir(NomadService.NAME).resolve("data").resolve("alloc");
    if (podman == null || !Files.isDirectory(allocs)) {
      return 0;
    }
    int removed = 0;
    try (var ids = Files.list(allocs)) {
      Map<String, String> env =
          Map.of("CONTAINERS_CONF", PodmanService.containersConf(ctx).toString());
      for (Path alloc : ids.toList()) {
        List<String> found = new ArrayList<>();
        dev.booty.core.util.ProcessRunner.run(
            List.of(
                podman.toString(),
                "ps",
                "-aq",
                "--filter",
                "label=com.hashicorp.nomad.alloc_id=" + alloc.getFileName()),
            null,
            env,
            Duration.ofSeconds(30),
            l -> {
              if (!l.isBlank()) {
                found.add(l.strip());
              }
            });
        if (!found.isEmpty()) {
          List<String> rm = new ArrayList<>(List.of(podman.toString(), "rm", "-f"));
          rm.addAll(found);
          dev.booty.core.util.ProcessRunner.run(rm, null, env, Duration.ofSeconds(60), l -> {});
          removed += found.size();
        }
      }
    } catch (IOException e) {
      throw BootyException.failure(
          "cannot remove the containers of Nomad's allocations: " + e.getMessage());
    }
    return removed;
  }

  /**
   * Unmounts what is still mounted under the stack folder, deepest first: Nomad mounts tmpfs {@code
   * secrets} and {@code private} folders into each allocation and only removes them when it
   * garbage-collects the allocation, which a stopped agent never does.
   */
  List<String> unmountLeftovers() {
    Path mounts = Path.of("/proc/self/mounts");
    if (!Files.isReadable(mounts)) {
      return List.of();
    }
    String root = ctx.stackDir().toString() + "/";
    List<String> points = new ArrayList<>();
    try {
      for (String line : Files.readAllLines(mounts)) {
        String[] f = line.split(" ");
        if (f.length > 1) {
          String point = f[1].replace("\\040", " ");
          if (point.startsWith(root)) {
            points.add(point);
          }
        }
      }
    } catch (IOException e) {
      return List.of();
    }
    points.sort(java.util.Comparator.comparingInt(String::length).reversed());
    List<String> done = new ArrayList<>();
    for (String point : points) {
      try {
        var r =
            dev.booty.core.util.ProcessRunner.run(
                List.of("umount", point), null, Map.of(), Duration.ofSeconds(20), l -> {});
        if (r.ok()) {
          done.add(point);
        } else {
          throw BootyException.failure("cannot unmount " + point + " left by Nomad: " + r.output());
        }
      } catch (IOException e) {
        throw BootyException.failure("cannot run umount for " + point + ": " + e.getMessage());
      }
    }
    return done;
  }
}
