package dev.booty.core.stack;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One service of the local stack, as data: what to run, where, on which ports, how to tell it is
 * healthy, and what it must start after. Built by one class per component ({@link ConsulService},
 * {@link NomadService}, ...), run by the {@link Supervisor}.
 *
 * @param name the service name ({@code consul}, {@code nomad}, ...)
 * @param component the installed component whose binary runs
 * @param version that component's version
 * @param command the full command line, binary first
 * @param env variables to set; a null value removes the variable
 * @param workDir the service's data folder (its configs live there too)
 * @param ports named ports it listens on, checked free before anything starts
 * @param address what {@code booty status} shows as its address
 * @param health how to tell it is up
 * @param after services that must be healthy first
 */
public record ServiceSpec(
    String name,
    String component,
    String version,
    List<String> command,
    Map<String, String> env,
    Path workDir,
    Map<String, Integer> ports,
    String address,
    HealthCheck health,
    List<String> after) {}
