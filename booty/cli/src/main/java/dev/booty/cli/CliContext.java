package dev.booty.cli;

import java.io.PrintStream;
import java.util.Map;

/**
 * What a command runs against: its output streams and environment. Tests hand in their own, so
 * commands run in-process against a temporary booty home.
 *
 * @param interactive whether {@code err} is a terminal (progress redraws in place)
 */
public record CliContext(
    PrintStream out, PrintStream err, Map<String, String> env, boolean interactive) {}
