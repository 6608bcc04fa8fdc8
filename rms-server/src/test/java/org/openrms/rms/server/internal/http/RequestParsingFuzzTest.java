package org.openrms.rms.server.internal.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.code_intelligence.jazzer.mutation.annotation.NotNull;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Set;
import org.openrms.auth.BasicCredentials;
import org.openrms.core.EcP256;
import org.openrms.core.wire.CertificationRequest;
import org.openrms.core.wire.RmsErrorCode;

/**
 * Jazzer fuzz tests of what the server parses from the network before anything else: the JSON
 * bodies of activation and certification, the Basic {@code Authorization} header (parsed by {@link
 * BasicAuthenticator#parse}, i.e. auth's shared {@link BasicCredentials} codec plus the 401
 * mapping, exactly as the server runs it) and the {@code Content-Type}. Malformed input must end in
 * the {@link ApiException} of the 400, 401 or 415 path, never in another exception (which the
 * handler would answer with 500).
 *
 * <p>A plain {@code mvn test} runs them in regression mode over the inputs in {@code
 * RequestParsingFuzzTestInputs/}; {@code JAZZER_FUZZ=1 mvn test -pl rms-server
 * -Dtest=RequestParsingFuzzTest#activationBody} fuzzes one of them for real. By default Jazzer only
 * instruments the classes of the module's own directories, not Jackson's jar, so for the two body
 * targets add {@code JAZZER_INSTRUMENT='org.openrms.**,com.fasterxml.jackson.**'} to let the
 * coverage guidance see into the JSON parser.
 */
class RequestParsingFuzzTest {
  private static final Set<String> GROUP_ID_TYPES = Set.of("WINDOWS_AUTH", "PASSPORT");

  /** Any bytes decode to a well-formed activation request or fail with 400. */
  @FuzzTest(maxDuration = "30s")
  void activationBody(byte @NotNull [] body) {
    try {
      ActivationEndpoint.Decoded decoded = ActivationEndpoint.decode(body);
      assertThat(decoded.request().fingerprint()).matches("[0-9a-f]{64}");
      assertThat(decoded.request().proof()).isNotBlank();
      assertThat(EcP256.isP256(decoded.key())).isTrue();
      assertThat(decoded.request().signedBytes()).isNotEmpty();
    } catch (ApiException e) {
      assertRejected(e, 400, RmsErrorCode.BAD_REQUEST);
    }
  }

  /** Any bytes decode to a certification request with a known groupIdType or fail with 400. */
  @FuzzTest(maxDuration = "30s")
  void certificationBody(byte @NotNull [] body) {
    try {
      CertificationRequest request = CertificationEndpoint.decode(body);
      assertThat(GROUP_ID_TYPES).contains(request.groupIdType());
    } catch (ApiException e) {
      assertRejected(e, 400, RmsErrorCode.BAD_REQUEST);
    }
  }

  /** Any header value yields a non-empty login without a colon, or fails with 401. */
  @FuzzTest(maxDuration = "30s")
  void basicAuthorization(@NotNull String header) {
    try (BasicCredentials c = BasicAuthenticator.parse(header)) {
      assertThat(header.regionMatches(true, 0, "Basic ", 0, 6)).isTrue();
      assertThat(c.login()).isNotEmpty().doesNotContain(":");
      assertThat(c.password()).isNotNull();
    } catch (ApiException e) {
      assertRejected(e, 401, RmsErrorCode.AUTHENTICATION_FAILED);
    }
  }

  /**
   * Any credential bytes sent as a Basic header come back exactly when they are UTF-8 with a
   * non-empty login before the first colon, and are 401 otherwise. (A colon byte never occurs
   * inside a multi-byte UTF-8 sequence, so checking the whole equals checking both halves.)
   */
  @FuzzTest(maxDuration = "30s")
  void basicCredentialsRoundTrip(byte @NotNull [] raw) {
    String text = strictUtf8(raw);
    int colon = text == null ? -1 : text.indexOf(':');
    String header = "Basic " + Base64.getEncoder().encodeToString(raw);
    try (BasicCredentials c = BasicAuthenticator.parse(header)) {
      assertThat(colon).as("accepted %s", text).isPositive();
      assertThat(c.login()).isEqualTo(text.substring(0, colon));
      assertThat(new String(c.password())).isEqualTo(text.substring(colon + 1));
    } catch (ApiException e) {
      assertRejected(e, 401, RmsErrorCode.AUTHENTICATION_FAILED);
      assertThat(colon).as("refused %s", text).isLessThanOrEqualTo(0);
    }
  }

  /** Any Content-Type is accepted as JSON or fails with 415 naming the expected type. */
  @FuzzTest(maxDuration = "30s")
  void contentType(@NotNull String contentType) {
    try {
      RequestBodies.requireJson(contentType);
      String lower = contentType.toLowerCase(Locale.ROOT);
      assertThat(lower.strip()).startsWith("application/json");
      assertThat(lower.replace("application/json", "").replaceAll("[^=]", "")).hasSizeLessThan(2);
    } catch (ApiException e) {
      assertRejected(e, 415, RmsErrorCode.BAD_REQUEST);
      assertThat(e.detail()).contains("application/json");
    }
  }

  private static void assertRejected(ApiException e, int status, RmsErrorCode code) {
    assertThat(e.status()).isEqualTo(status);
    assertThat(e.code()).isEqualTo(code);
    assertThat(e.detail()).isNotBlank();
  }

  private static String strictUtf8(byte[] raw) {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(raw))
          .toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }
}
