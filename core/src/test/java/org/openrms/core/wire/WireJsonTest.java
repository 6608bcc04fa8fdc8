package org.openrms.core.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

class WireJsonTest {

  @Test
  void writesWireRecordsAsJsonObjectsThatReadBack() throws Exception {
    ServiceInfo info = new ServiceInfo("OpenRMS", 1, "id-1");
    String json = WireJson.writer().writeValueAsString(info);
    JsonNode tree = WireJson.reader().readTree(json);
    assertThat(tree.get("product").asText()).isEqualTo("OpenRMS");
    assertThat(tree.get("apiVersion").asInt()).isEqualTo(1);
    assertThat(tree.get("serverId").asText()).isEqualTo("id-1");
    ServiceInfo back = WireJson.reader().forType(ServiceInfo.class).readValue(json);
    assertThat(back).isEqualTo(info);
  }

  @Test
  void unknownFieldsAreIgnoredWhenReading() throws Exception {
    Problem p =
        WireJson.reader()
            .forType(Problem.class)
            .readValue("{\"type\":\"t\",\"status\":409,\"code\":\"C\",\"newField\":{\"a\":[1]}}");
    assertThat(p).isEqualTo(new Problem("t", null, 409, null, "C"));
  }

  @Test
  void theSharedReaderKeepsJacksonsDefaultsOtherwise() throws Exception {
    ServiceInfo lenient =
        WireJson.reader()
            .forType(ServiceInfo.class)
            .readValue("{\"product\":\"p\",\"apiVersion\":null} trailing");
    assertThat(lenient).isEqualTo(new ServiceInfo("p", 0, null));
    assertThatThrownBy(
            () -> WireJson.reader().forType(ServiceInfo.class).readValue("{\"product\":"))
        .isInstanceOf(JsonProcessingException.class);
  }

  @Test
  void aStricterDerivedReaderLeavesTheSharedOneAsItWas() throws Exception {
    var strict = WireJson.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    assertThatThrownBy(() -> strict.forType(ServiceInfo.class).readValue("{} {}"))
        .isInstanceOf(JsonProcessingException.class);
    assertThat(WireJson.reader().isEnabled(DeserializationFeature.FAIL_ON_TRAILING_TOKENS))
        .isFalse();
    assertThat(WireJson.reader().isEnabled(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES))
        .isFalse();
    assertThat(WireJson.reader()).isSameAs(WireJson.reader());
    assertThat(WireJson.writer()).isSameAs(WireJson.writer());
  }
}
