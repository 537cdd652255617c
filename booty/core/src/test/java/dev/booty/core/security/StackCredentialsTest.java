package dev.booty.core.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which Nomad token a booty process uses: its own when Nomad handed it one, else booty's. */
class StackCredentialsTest {
  @TempDir Path tmp;

  @Test
  void aProcessGivenATokenFileUsesThatTokenInsteadOfTheManagementOne() throws Exception {
    StackSecrets s = StackSecrets.loadOrCreate(tmp.resolve("tokens.json"));
    assertThat(StackCredentials.nomadToken(s, null)).isEqualTo(s.nomadManagement());
    assertThat(StackCredentials.nomadToken(s, " ")).isEqualTo(s.nomadManagement());
    Path file = Files.writeString(tmp.resolve("nomad.token"), "watchdog-secret\n");
    assertThat(StackCredentials.nomadToken(s, file.toString())).isEqualTo("watchdog-secret");
    // a file that should hold it but does not is an error, never a silent fallback
    Path empty = Files.writeString(tmp.resolve("empty.token"), "");
    assertThatThrownBy(() -> StackCredentials.nomadToken(s, empty.toString()))
        .hasMessageContaining("BOOTY_NOMAD_TOKEN_FILE=" + empty + " is empty");
    assertThatThrownBy(() -> StackCredentials.nomadToken(s, tmp.resolve("none").toString()))
        .hasMessageContaining("cannot read the Nomad token");
  }

  @Test
  void theWatchdogsPolicyRunsStopsAndSignalsJobsAndNothingMore() {
    assertThat(AclSetup.NOMAD_WATCHDOG_RULES)
        .contains("namespace \"default\"")
        .contains("\"submit-job\"")
        .contains("\"alloc-lifecycle\"")
        .doesNotContain("policy = \"write\"")
        .doesNotContain("acl")
        .doesNotContain("operator")
        .doesNotContain("variables");
  }
}
