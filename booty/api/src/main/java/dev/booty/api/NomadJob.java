package dev.booty.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * A Nomad job a plugin asks booty to run: an HCL2 job file's text and values for its variables (HCL
 * literals such as lists and objects are passed as they are, other values are quoted).
 *
 * @param id the job id the file declares
 * @param hcl the job file's text
 * @param variables values for its variables
 */
public record NomadJob(String id, String hcl, Map<String, String> variables) {
  public NomadJob {
    // sorted: the same job must render the same variables, run after run
    variables = Collections.unmodifiableMap(new TreeMap<>(variables));
  }

  /**
   * The text of a job template that {@code owner}'s jar carries, such as {@code
   * /jobs/NAME.nomad.hcl} from a module's {@code src/main/resources/jobs/}: a plugin's templates
   * live in the plugin, booty's own in booty.
   *
   * @throws IllegalStateException when the jar has no such resource
   */
  public static String template(Class<?> owner, String resource) {
    try (InputStream in = owner.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(
            "the jar of " + owner.getName() + " lacks the job template " + resource);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the job template " + resource, e);
    }
  }

  /**
   * A string as an HCL string literal, for the strings inside a variable's list or object literal
   * (which {@link #variables} passes as it is): quotes, backslashes, newlines, carriage returns and
   * tabs escaped, and <code>${</code> / <code>%{</code> doubled, which HCL would otherwise read as
   * the start of a template sequence. One spelling for booty and every plugin.
   */
  public static String hclString(String s) {
    StringBuilder sb = new StringBuilder("\"");
    for (char ch : s.toCharArray()) {
      switch (ch) {
        case '\\' -> sb.append("\\\\");
        case '"' -> sb.append("\\\"");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> sb.append(ch);
      }
    }
    return sb.append('"').toString().replace("${", "$${").replace("%{", "%%{");
  }

  /** A list of strings as an HCL list literal of {@link #hclString}s, in order. */
  public static String hclList(List<String> values) {
    return values.stream().map(NomadJob::hclString).collect(Collectors.joining(", ", "[", "]"));
  }
}
