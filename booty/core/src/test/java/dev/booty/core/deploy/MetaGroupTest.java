package dev.booty.core.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.booty.core.util.Json;
import org.junit.jupiter.api.Test;

class MetaGroupTest {

  @Test
  void theLeadersReplicasAndTheLeaderAreTheGroup() throws Exception {
    // the leader's /jsz as nats-server 2.10.27 answered when it left ams-3 out (trimmed)
    var jsz =
        Json.MAPPER.readTree(
            """
            {"meta_cluster":{"name":"london","leader":"lon-3","peer":"uDNkvTyF","cluster_size":8,
             "replicas":[{"name":"ams-1","current":true},{"name":"ams-2","current":true},
                         {"name":"dal-1","current":true},{"name":"lon-1","current":true}]}}
            """);
    MetaGroup.View v = MetaGroup.parse("lon-3", jsz);
    assertThat(v.leader()).isEqualTo("lon-3");
    assertThat(v.members()).containsExactly("ams-1", "ams-2", "dal-1", "lon-1", "lon-3");
    assertThat(v.members()).doesNotContain("ams-3");
  }
}
