package dev.booty.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The HCL literals booty and the plugins write into job variables. */
class NomadJobTest {

  @Test
  void plainTextIsQuoted() {
    assertThat(NomadJob.hclString("lon-1")).isEqualTo("\"lon-1\"");
    assertThat(NomadJob.hclString("")).isEqualTo("\"\"");
  }

  @Test
  void quotesBackslashesAndControlCharactersAreEscaped() {
    assertThat(NomadJob.hclString("a\"b")).isEqualTo("\"a\\\"b\"");
    assertThat(NomadJob.hclString("a\\b")).isEqualTo("\"a\\\\b\"");
    assertThat(NomadJob.hclString("line 1\nline 2\r\n\tend"))
        .isEqualTo("\"line 1\\nline 2\\r\\n\\tend\"");
    assertThat(NomadJob.hclString("x\ny")).doesNotContain("\n");
  }

  @Test
  void templateSequencesAreEscaped() {
    assertThat(NomadJob.hclString("${var.x}")).isEqualTo("\"$${var.x}\"");
    assertThat(NomadJob.hclString("%{if true}")).isEqualTo("\"%%{if true}\"");
    assertThat(NomadJob.hclString("cost $5 and 50%")).isEqualTo("\"cost $5 and 50%\"");
    assertThat(NomadJob.hclString("a ${b} c ${d}")).isEqualTo("\"a $${b} c $${d}\"");
  }

  @Test
  void aListIsQuotedItemsInOrder() {
    assertThat(NomadJob.hclList(List.of())).isEqualTo("[]");
    assertThat(NomadJob.hclList(List.of("b:1", "a\"2"))).isEqualTo("[\"b:1\", \"a\\\"2\"]");
  }
}
