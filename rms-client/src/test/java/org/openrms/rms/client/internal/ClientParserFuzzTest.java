package org.openrms.rms.client.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.code_intelligence.jazzer.mutation.annotation.NotNull;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.util.Base64;
import java.util.Optional;
import org.openrms.core.DrmException;
import org.openrms.core.HResult;
import org.openrms.core.wire.CertificationResponse;
import org.openrms.core.wire.MachineActivationResponse;
import org.openrms.core.wire.ServiceInfo;
import org.openrms.core.wire.ServiceLocations;

/**
 * Jazzer fuzz tests of what the client reads from the network: the JWE compact opener and the
 * handling of response and problem+json bodies. A plain {@code mvn verify} runs them in regression
 * mode over {@code ClientParserFuzzTestInputs/}; {@code JAZZER_FUZZ=1 mvn test -pl rms-client
 * -Dtest=ClientParserFuzzTest#jweCompact} fuzzes for real (30 s each).
 *
 * <p>Garbage must give a {@link DrmException} with {@link HResult#E_DRM_INVALID_SERVER_RESPONSE}
 * (or an {@link IllegalArgumentException}), never anything else.
 */
class ClientParserFuzzTest {
  private static final PrivateKey KEY = EcKeys.generate().getPrivate();
  private static final int[] STATUSES = {301, 308, 400, 401, 403, 404, 409, 410, 418, 500, 503};

  private static void open(String compact) {
    try {
      byte[] plain = JweEcdhEs.open(compact, KEY);
      assertThat(plain).isNotNull();
    } catch (DrmException e) {
      assertThat(e.hresult()).isEqualTo(HResult.E_DRM_INVALID_SERVER_RESPONSE);
    } catch (IllegalArgumentException expected) {
      assertThat(expected).isNotNull();
    }
  }

  /** Any text as a whole compact serialization. */
  @FuzzTest(maxDuration = "30s")
  void jweCompact(@NotNull String compact) {
    open(compact);
  }

  /** A five-part token whose protected header is fuzzed JSON and whose other parts are bytes. */
  @FuzzTest(maxDuration = "30s")
  void jweParts(FuzzedDataProvider data) {
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    String header = data.consumeString(600);
    byte[] iv = data.consumeBytes(data.consumeInt(0, 16));
    byte[] tag = data.consumeBytes(data.consumeInt(0, 17));
    byte[] ct = data.consumeRemainingAsBytes();
    open(
        b64.encodeToString(header.getBytes(StandardCharsets.UTF_8))
            + ".."
            + b64.encodeToString(iv)
            + "."
            + b64.encodeToString(ct)
            + "."
            + b64.encodeToString(tag));
  }

  /** Any text as a success body of every response type, and as an error body of every status. */
  @FuzzTest(maxDuration = "30s")
  void responseBodies(@NotNull String body) {
    for (Class<?> type :
        new Class<?>[] {
          CertificationResponse.class,
          MachineActivationResponse.class,
          ServiceInfo.class,
          ServiceLocations.class
        }) {
      try {
        assertThat(RmsHttp.parseBody(body, type, "https://fuzz/rms/v1")).isNotNull();
      } catch (DrmException e) {
        assertThat(e.hresult()).isEqualTo(HResult.E_DRM_INVALID_SERVER_RESPONSE);
      }
    }
    for (int status : STATUSES) {
      Optional<DrmException> failure =
          HResultTable.forStatus(status, body, Optional.of("https://moved/rms/v1"), "u");
      assertThat(failure).isPresent();
      assertThat(failure.get().hresult()).isNotNull();
      assertThat(failure.get().getMessage()).contains(Integer.toString(status));
    }
    assertThat(HResultTable.forStatus(200, body, Optional.empty(), "u")).isEmpty();
  }
}
