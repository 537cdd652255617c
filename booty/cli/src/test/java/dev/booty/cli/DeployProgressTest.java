package dev.booty.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DeployProgressTest {
  final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  final PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);

  String printed() {
    return bytes.toString(StandardCharsets.UTF_8);
  }

  static final String RUNNING =
      "deployment 1a2b3c4d: running  [lon-1 desired 1 placed 1 healthy 0 unhealthy 0]";
  static final String OTHER =
      "deployment 9f8e7d6c: running  [dal-1 desired 1 placed 1 healthy 0 unhealthy 0]";

  @Test
  void theSameStatusTwicePrintsOnceWhenNotATerminal() {
    DeployProgress p = new DeployProgress(err, false, "==> ");

    p.accept(RUNNING);
    p.accept(OTHER);
    p.accept(RUNNING);
    p.accept(OTHER);
    p.accept(RUNNING);
    p.accept("deployment 1a2b3c4d: successful  [lon-1 desired 1 placed 1 healthy 1 unhealthy 0]");
    p.accept("data centre london: agents on 127.93.1.1, node ready");

    assertThat(printed().lines())
        .containsExactly(
            "==> " + RUNNING,
            "==> " + OTHER,
            "==> deployment 1a2b3c4d: successful  [lon-1 desired 1 placed 1 healthy 1 unhealthy 0]",
            "==> data centre london: agents on 127.93.1.1, node ready");
    assertThat(printed()).doesNotContain("\033").doesNotContain("\r");
  }

  @Test
  void onATerminalEachDeploymentKeepsOneLineRedrawnInPlace() {
    DeployProgress p = new DeployProgress(err, true, "");

    p.accept(RUNNING);
    p.accept(OTHER);
    p.accept(RUNNING.replace("healthy 0", "healthy 1"));
    p.accept("deployment 1a2b3c4d: successful  [lon-1 desired 1 placed 1 healthy 1 unhealthy 0]");
    p.finish();

    String out = printed();
    // two live lines: the second update moves the cursor up two lines and redraws both
    assertThat(out).contains("\033[2F");
    // what stays on screen: each line as the terminal shows it after the escapes
    assertThat(screen(out))
        .containsExactly(
            "deployment 1a2b3c4d: successful  [lon-1 desired 1 placed 1 healthy 1 unhealthy 0]");
  }

  /** A tiny terminal: applies line feeds, "up N lines" and "clear to the end". */
  static java.util.List<String> screen(String out) {
    java.util.List<String> rows = new java.util.ArrayList<>();
    int row = 0;
    StringBuilder line = new StringBuilder();
    for (int i = 0; i < out.length(); i++) {
      char c = out.charAt(i);
      if (c == '\033') {
        int end = i + 2;
        while (!Character.isLetter(out.charAt(end))) {
          end++;
        }
        String arg = out.substring(i + 2, end);
        switch (out.charAt(end)) {
          case 'F' -> row -= Integer.parseInt(arg);
          case 'J' -> {
            while (rows.size() > row) {
              rows.remove(rows.size() - 1);
            }
          }
          default -> {}
        }
        i = end;
      } else if (c == '\r') {
        line.setLength(0);
      } else if (c == '\n') {
        while (rows.size() <= row) {
          rows.add("");
        }
        rows.set(row, line.toString());
        line.setLength(0);
        row++;
      } else {
        line.append(c);
      }
    }
    return rows;
  }
}
