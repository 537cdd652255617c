package dev.booty.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.booty.core.report.RunReport.DcImpact;
import dev.booty.core.report.RunReport.Stat;
import dev.booty.core.util.Json;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * report.json with client kinds: old fields unchanged, new ones added, older reports still read.
 */
class RunReportJsonTest {
  @Test
  void figuresOverEveryClientAreWrittenAsBeforeAndOneKindsSayTheirKind() throws Exception {
    JsonNode json = Json.MAPPER.valueToTree(HtmlReportTest.fixture("failover", "fail", null));

    JsonNode dallas = json.at("/steps/0/datacenters/0");
    assertThat(dallas.get("dc").asText()).isEqualTo("dallas");
    assertThat(dallas.has("kind")).isFalse();
    assertThat(json.at("/expectations/0").has("kind")).isFalse();
    assertThat(json.at("/expectations/0").has("label")).isFalse();
    assertThat(json.at("/latency/0").has("kind")).isFalse();

    DcImpact browsers =
        new DcImpact(
            "dallas",
            4,
            4,
            Stat.EMPTY,
            Stat.EMPTY,
            Map.of(),
            "london",
            4,
            0,
            Stat.EMPTY,
            Stat.EMPTY,
            Stat.EMPTY,
            4,
            1,
            "browser");
    assertThat(Json.MAPPER.valueToTree(browsers).get("kind").asText()).isEqualTo("browser");
  }

  @Test
  void aReportWrittenBeforeClientKindsReads() throws Exception {
    ObjectNode json = Json.MAPPER.valueToTree(HtmlReportTest.fixture("failover", "fail", null));
    json.remove("totalsByClientKind");
    json.remove("latencyByClientKind");
    ((ObjectNode) json.at("/steps/0")).remove("byClientKind");
    ((ObjectNode) json.at("/connections/0")).remove("byClientKind");

    RunReport old = Json.MAPPER.treeToValue(json, RunReport.class);

    assertThat(old.totalsByClientKind()).isNull();
    assertThat(old.steps().getFirst().byClientKind()).isNull();
    assertThat(old.steps().getFirst().datacenters().getFirst().kind()).isNull();
    assertThat(old.steps().getFirst().datacenters().getFirst().affected()).isEqualTo(8);
    assertThat(old.connections().getFirst().byClientKind()).isNull();
    assertThat(old.expectations().get(1).label()).isEqualTo("reconnect.p99");
    assertThat(HtmlReport.render(old)).doesNotContain("By client kind", "<circle");
  }
}
