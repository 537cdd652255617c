package dev.booty.core.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.booty.api.NomadJob;
import org.junit.jupiter.api.Test;

/** booty's own job templates travel in booty-core's jar (src/main/resources/jobs). */
class JobTemplatesTest {

  @Test
  void bootysOwnJobsAreInItsJar() {
    assertThat(Agents.template("/jobs/booty-agent.nomad.hcl")).contains("job \"booty-agent\" {");
    assertThat(Agents.template("/jobs/booty-clients.nomad.hcl"))
        .contains("job \"booty-clients\" {");
    assertThat(Agents.template("/jobs/booty-watchdog.nomad.hcl"))
        .contains("job \"booty-watchdog\" {");
  }

  @Test
  void aTemplateTheJarLacksIsRefusedNamingItAndTheJar() {
    assertThatThrownBy(() -> NomadJob.template(Agents.class, "/jobs/nowhere.nomad.hcl"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "the jar of dev.booty.core.deploy.Agents lacks the job template"
                + " /jobs/nowhere.nomad.hcl");
  }
}
