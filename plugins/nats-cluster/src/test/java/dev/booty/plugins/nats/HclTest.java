package dev.booty.plugins.nats;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class HclTest {

  @Test
  void plainTextIsQuoted() {
    assertThat(Hcl.string("lon-1")).isEqualTo("\"lon-1\"");
    assertThat(Hcl.string("")).isEqualTo("\"\"");
  }

  @Test
  void quotesBackslashesAndControlCharactersAreEscaped() {
    assertThat(Hcl.string("a\"b")).isEqualTo("\"a\\\"b\"");
    assertThat(Hcl.string("a\\b")).isEqualTo("\"a\\\\b\"");
    assertThat(Hcl.string("line 1\nline 2\r\n\tend")).isEqualTo("\"line 1\\nline 2\\r\\n\\tend\"");
    assertThat(Hcl.string("x\ny")).doesNotContain("\n");
  }

  @Test
  void templateSequencesAreEscaped() {
    assertThat(Hcl.string("${var.x}")).isEqualTo("\"$${var.x}\"");
    assertThat(Hcl.string("%{if true}")).isEqualTo("\"%%{if true}\"");
    assertThat(Hcl.string("cost $5 and 50%")).isEqualTo("\"cost $5 and 50%\"");
    assertThat(Hcl.string("a ${b} c ${d}")).isEqualTo("\"a $${b} c $${d}\"");
  }

  @Test
  void aListIsQuotedItemsInOrder() {
    assertThat(Hcl.list(List.of())).isEqualTo("[]");
    assertThat(Hcl.list(List.of("b:1", "a\"2"))).isEqualTo("[\"b:1\", \"a\\\"2\"]");
  }
}
