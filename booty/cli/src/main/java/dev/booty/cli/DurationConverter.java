package dev.booty.cli;

import dev.booty.api.Durations;
import java.time.Duration;
import picocli.CommandLine;

/**
 * Reads every {@link Duration} option of the command tree with booty's one grammar ({@link
 * Durations}: {@code 500ms}, {@code 1.5s}, {@code 1m30s}); {@link Main#execute} registers it once.
 * A command-line duration is 1 ms or more.
 */
public final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
  @Override
  public Duration convert(String value) {
    Duration d;
    try {
      d = Durations.parse(value);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.TypeConversionException(e.getMessage());
    }
    if (d.compareTo(Duration.ofMillis(1)) < 0) {
      throw new CommandLine.TypeConversionException(
          "'" + value + "' is shorter than 1ms (e.g. " + Durations.EXAMPLES + ")");
    }
    return d;
  }
}
