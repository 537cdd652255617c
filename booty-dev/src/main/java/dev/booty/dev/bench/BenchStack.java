package dev.booty.dev.bench;

import dev.booty.cli.CliContext;
import dev.booty.cli.Main;
import dev.booty.core.BootyException;
import dev.booty.core.scenario.DataCenter;
import dev.booty.core.scenario.Scenario;
import dev.booty.core.scenario.ScenarioLoader;
import dev.booty.core.stack.StackPorts;
import dev.booty.core.util.FileTrees;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A throwaway stack for a benchmark: a temporary home on free ports, the components installed,
 * {@code booty up}, and a scenario renamed and moved onto a loopback subnet of its own, so a bench
 * never touches the user's stack or deployments. {@link #close} destroys what is deployed, stops
 * the stack and deletes the home, reporting what fails instead of throwing it.
 */
final class BenchStack implements AutoCloseable {
  private static final List<String> COMPONENTS =
      List.of("nomad", "consul", "nats-server", "toxiproxy", "caddy", "victoria-metrics");

  private final CliContext ctx;
  private final String name;
  private final String subnet;
  private final List<String> ports;
  private final Path work;
  private final Map<String, String> env = new HashMap<>();
  private final Path file;
  private boolean up;
  private String upOutput = "";
  private boolean deployed;

  /** Chooses the ports and makes the temporary home; nothing runs yet. */
  BenchStack(CliContext ctx, String name, String subnet) throws Exception {
    this.ctx = ctx;
    this.name = name;
    this.subnet = subnet;
    this.ports = freePorts();
    this.work = Files.createTempDirectory("booty-" + name + "-");
    env.putAll(ctx.env());
    env.put("BOOTY_HOME", home().toString());
    this.file = work.resolve(name + ".yaml");
  }

  /** The temporary folder: the home, the rewritten scenario, whatever the bench keeps there. */
  Path work() {
    return work;
  }

  Path home() {
    return work.resolve("home");
  }

  /** The rewritten scenario file, the one deployed. */
  Path file() {
    return file;
  }

  /** The port the bench chose for {@code component} ({@code nats.client}, {@code consul.http}). */
  int port(String component) {
    return Integer.parseInt(
        ports.stream()
            .filter(p -> p.startsWith(component + "="))
            .findFirst()
            .orElseThrow(() -> new IllegalArgumentException("no stack port " + component))
            .split("=")[1]);
  }

  /** Rewrites {@code scenario} (see {@link #rewrite}), installs the components and boots. */
  Scenario up(Path scenario) throws IOException {
    return up(scenario, List.of());
  }

  /**
   * {@link #up(Path)}, installing {@code extra} components besides the stack's own (a scenario's
   * plugins may need more, such as {@code pdns-server} for {@code dns: powerdns}).
   */
  Scenario up(Path scenario, List<String> extra) throws IOException {
    Scenario s = rewrite(scenario, file, name, subnet);
    progress("booty install, booty up in " + work);
    List<String> install = new ArrayList<>(List.of("install", "--quiet"));
    install.addAll(COMPONENTS);
    install.addAll(extra);
    run(install.toArray(String[]::new));
    up = true;
    upOutput = run(withPorts("up", ports));
    return s;
  }

  /** What {@code booty up} printed (the front door's password among it). */
  String upOutput() {
    return upOutput;
  }

  /** {@code booty deploy} of the rewritten scenario; its stdout. */
  String deploy() {
    deployed = true;
    return run("deploy", file.toString());
  }

  /** {@code booty destroy} of the rewritten scenario; its stdout. */
  String destroy() {
    String out = run("destroy", file.toString());
    deployed = false;
    return out;
  }

  /**
   * Runs a booty command in-process against this home; its stdout (see {@link #run(Map,
   * String...)}).
   */
  String run(String... args) {
    return run(env, args);
  }

  void progress(String line) {
    Bench.progress(ctx.err(), line);
  }

  @Override
  public void close() {
    try {
      if (deployed) {
        attempt("destroy", file.toString());
      }
      if (up) {
        attempt("down");
      }
    } finally {
      try {
        FileTrees.deleteRecursively(work);
      } catch (IOException | RuntimeException e) {
        ctx.err().println("cleanup: cannot delete " + work + ": " + e.getMessage());
      }
    }
  }

  /** Cleanup: runs a booty command, reporting a failure instead of throwing it. */
  private void attempt(String... args) {
    try {
      run(args);
    } catch (RuntimeException e) {
      ctx.err().println("cleanup: " + e.getMessage());
    }
  }

  /**
   * Writes {@code source} to {@code target} renamed {@code name}, every data centre on {@code
   * subnet} (as DeployIT does), and reads it back to check both took.
   */
  static Scenario rewrite(Path source, Path target, String name, String subnet) throws IOException {
    Scenario original = ScenarioLoader.load(source);
    String text =
        Files.readString(source).replaceFirst("(?m)^name:[^\\n]*$", "name: " + name).trim() + "\n";
    for (String dc : original.datacenterNames()) {
      text =
          text.replace(
              "  - name: " + dc + "\n",
              "  - name: " + dc + "\n    options: {subnet: \"" + subnet + "\"}\n");
    }
    Files.writeString(target, text);
    Scenario s = ScenarioLoader.load(target);
    for (DataCenter dc : s.datacenters()) {
      if (!subnet.equals(dc.options().get("subnet"))) {
        throw BootyException.usage(
            source
                + ": cannot move data centre "
                + dc.name()
                + " onto subnet "
                + subnet
                + "; write it as '  - name: "
                + dc.name()
                + "' on a line of its own, without options");
      }
    }
    if (!s.name().equals(name)) {
      throw BootyException.usage(source + ": cannot rename the scenario (no top-level 'name:')");
    }
    return s;
  }

  /** A free loopback port for each of the stack's ports, as {@code name=port}. */
  static List<String> freePorts() throws IOException {
    List<ServerSocket> held = new ArrayList<>();
    List<String> args = new ArrayList<>();
    try {
      for (String name : StackPorts.names()) {
        ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        held.add(s);
        args.add(name + "=" + s.getLocalPort());
      }
    } finally {
      for (ServerSocket s : held) {
        s.close();
      }
    }
    return args;
  }

  /** {@code command} followed by {@code --port name=port} for each of {@code ports}. */
  static String[] withPorts(String command, List<String> ports) {
    List<String> a = new ArrayList<>(List.of(command));
    ports.forEach(
        p -> {
          a.add("--port");
          a.add(p);
        });
    return a.toArray(String[]::new);
  }

  /**
   * Runs a booty command in-process; its stdout, or a failure naming the command with its output.
   */
  static String run(Map<String, String> env, String... args) {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int code;
    try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      code = Main.run(new CliContext(o, e, env, false), args);
    }
    if (code != 0) {
      throw BootyException.failure(
          "booty "
              + String.join(" ", args)
              + " exited "
              + code
              + ":\n"
              + err.toString(StandardCharsets.UTF_8)
              + out.toString(StandardCharsets.UTF_8));
    }
    return out.toString(StandardCharsets.UTF_8);
  }
}
