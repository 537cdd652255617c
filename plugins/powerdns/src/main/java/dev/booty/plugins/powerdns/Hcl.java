package dev.booty.plugins.powerdns;

import java.util.List;
import java.util.stream.Collectors;

/** HCL literals for job variables: quoted strings with template sequences escaped. */
final class Hcl {
  private Hcl() {}

  static String string(String s) {
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
    // HCL would read ${...} and %{...} as template sequences
    return sb.append('"').toString().replace("${", "$${").replace("%{", "%%{");
  }

  static String list(List<String> values) {
    return values.stream().map(Hcl::string).collect(Collectors.joining(", ", "[", "]"));
  }
}
