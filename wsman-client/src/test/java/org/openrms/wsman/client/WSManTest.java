package org.openrms.wsman.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.openrms.wsman.WsmanErrorCode;

/**
 * WSMan.createSession resolves a SessionPlan (Session.plan()); getErrorMessage knows every
 * WSManFault code.
 */
class WSManTest {
  private final WSMan wsman = WSMan.builder().trustedHosts("*.corp.com").build();

  private ConnectionOptions admin() {
    return wsman.createConnectionOptions().userName("admin").password("pw".toCharArray()).build();
  }

  /**
   * "When creating an HTTPS session, the Address field must match the server computer certificate
   * name, otherwise a failure occurs."
   */
  @Test
  void whenCreatingAnHttpsSessionTheAddressFieldMustMatchTheServerCertificateName() {
    SessionPlan plan =
        wsman
            .createSession(
                "https://service.corp.com/websvcs/wsman",
                EnumSet.of(SessionFlag.USE_BASIC),
                admin())
            .plan();
    assertThat(plan.endpoint())
        .isEqualTo(URI.create("https://service.corp.com:5986/websvcs/wsman"));
    assertThat(plan.expectedCertificateName()).contains("service.corp.com");
    assertThat(plan.verifiesCertificateName()).isTrue();
    assertThat(plan.verifiesCertificateAuthority()).isTrue();
    assertThat(plan.checksRevocation()).isTrue();
    SessionPlan v6 =
        wsman
            .createSession(
                "https://[E3D7::6420]:9999/wsman", EnumSet.of(SessionFlag.USE_BASIC), admin())
            .plan();
    assertThat(v6.expectedCertificateName()).contains("E3D7::6420");
  }

  @Test
  void skipCaCheckAndSkipCnCheckTurnTheTlsChecksOff() {
    SessionPlan plan =
        wsman
            .createSession(
                "https://service",
                EnumSet.of(
                    SessionFlag.USE_BASIC,
                    SessionFlag.SKIP_CA_CHECK,
                    SessionFlag.SKIP_CN_CHECK,
                    SessionFlag.SKIP_REVOCATION_CHECK),
                admin())
            .plan();
    assertThat(plan.verifiesCertificateAuthority()).isFalse();
    assertThat(plan.verifiesCertificateName()).isFalse();
    assertThat(plan.checksRevocation()).isFalse();
    assertThat(plan.expectedCertificateName()).isEmpty();
    SessionPlan caOnly =
        wsman.createSession("https://service", EnumSet.of(SessionFlag.SKIP_CA_CHECK), null).plan();
    assertThat(caOnly.verifiesCertificateAuthority()).isFalse();
    assertThat(caOnly.expectedCertificateName()).contains("service");
  }

  /**
   * "These flags also specify other session connection information, such as encoding or
   * encryption."
   */
  @Test
  void theseFlagsAlsoSpecifyOtherSessionConnectionInformationSuchAsEncodingOrEncryption() {
    SessionPlan plain = wsman.createSession("h.corp.com", 0, admin()).plan();
    assertThat(plain.charset()).isEqualTo(StandardCharsets.UTF_8);
    assertThat(plain.mechanism()).isEqualTo(AuthMechanism.NEGOTIATE);
    assertThat(plain.encryptsMessages()).isTrue();
    SessionPlan utf16 =
        wsman
            .createSession(
                "h.corp.com", EnumSet.of(SessionFlag.UTF16, SessionFlag.NO_ENCRYPTION), admin())
            .plan();
    assertThat(utf16.charset()).isEqualTo(StandardCharsets.UTF_16);
    assertThat(utf16.encryptsMessages()).isFalse();
    assertThat(wsman.createSession("h", EnumSet.of(SessionFlag.UTF8), null).plan().charset())
        .isEqualTo(StandardCharsets.UTF_8);
    assertThat(wsman.createSession("https://h", 0, null).plan().encryptsMessages())
        .as("TLS protects https")
        .isFalse();
    assertThat(
            wsman
                .createSession("h", EnumSet.of(SessionFlag.USE_BASIC), admin())
                .plan()
                .encryptsMessages())
        .as("Basic cannot seal")
        .isFalse();
    SessionPlan spn =
        wsman
            .createSession(
                "h",
                EnumSet.of(
                    SessionFlag.ENABLE_SPN_SERVER_PORT,
                    SessionFlag.ALLOW_NEGOTIATE_IMPLICIT_CREDENTIALS),
                null)
            .plan();
    assertThat(spn.spnIncludesPort()).isTrue();
    assertThat(spn.allowsImplicitNegotiateCredentials()).isTrue();
  }

  @Test
  void utf8AndUtf16TogetherAreRefused() {
    assertThatThrownBy(
            () ->
                wsman
                    .createSession("h", EnumSet.of(SessionFlag.UTF8, SessionFlag.UTF16), null)
                    .plan())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("UTF8 and UTF16");
  }

  @Test
  void theUseSslFlagSelectsHttpsWhenNoTransportIsGiven() {
    SessionPlan plan =
        wsman.createSession("server.corp.com", SessionFlag.USE_SSL.bit() | 0x40000, admin()).plan();
    assertThat(plan.endpoint()).isEqualTo(URI.create("https://server.corp.com:5986/wsman"));
    assertThat(plan.mechanism()).isEqualTo(AuthMechanism.BASIC);
    assertThat(plan.flagBits()).isEqualTo(0x8040000);
  }

  /** "The default is NULL" (connectionOptions). */
  @Test
  void theConnectionOptionsDefaultIsNull() {
    SessionPlan plan = wsman.createSession("localhost", 0, null).plan();
    assertThat(plan.options()).isEmpty();
    assertThat(plan.mechanism()).isEqualTo(AuthMechanism.NEGOTIATE);
  }

  @Test
  void closedOptionsAreRefused() {
    ConnectionOptions o = admin();
    o.close();
    assertThatThrownBy(() -> wsman.createSession("h", 0, o).plan())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("closed");
  }

  @Test
  void aSessionThatCannotBeCreatedLeavesNoPasswordInItsOptions() {
    // Options built inline have no other owner: a failing createSession zeroes them.
    ConnectionOptions badString = admin();
    assertThatThrownBy(
            () -> wsman.createSession("ftp://h", EnumSet.noneOf(SessionFlag.class), badString))
        .isInstanceOf(IllegalArgumentException.class);
    ConnectionOptions badBits = admin();
    assertThatThrownBy(() -> wsman.createSession("h", 0x2, badBits))
        .isInstanceOf(IllegalArgumentException.class);
    ConnectionOptions conflict = admin();
    assertThatThrownBy(
            () -> wsman.createSession("h", EnumSet.of(SessionFlag.USE_NO_AUTHENTICATION), conflict))
        .isInstanceOf(IllegalArgumentException.class);
    for (ConnectionOptions o : new ConnectionOptions[] {badString, badBits, conflict}) {
      assertThat(o.isClosed()).isTrue();
      assertThatThrownBy(o::password).isInstanceOf(IllegalStateException.class);
    }
    // A session that was created keeps its options open.
    ConnectionOptions good = admin();
    wsman.createSession("h", EnumSet.of(SessionFlag.USE_BASIC), good).close();
    assertThat(good.password()).containsExactly('p', 'w');
  }

  @Test
  void badInputSurfacesAsIllegalArgument() {
    assertThatThrownBy(() -> wsman.createSession("h", 0x2, null).plan())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown session flag bits");
    assertThatThrownBy(() -> wsman.createSession("ftp://h", 0, null).plan())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown transport");
    assertThatThrownBy(
            () -> wsman.createSession("h", EnumSet.of(SessionFlag.USE_BASIC), null).plan())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("needs explicit credentials");
  }

  @Test
  void thePlanNeverPrintsThePassword() {
    SessionPlan plan =
        wsman.createSession("https://h", EnumSet.of(SessionFlag.USE_BASIC), admin()).plan();
    assertThat(plan.toString())
        .contains("https://h:5986/wsman")
        .contains("BASIC")
        .doesNotContain("pw");
  }

  @ParameterizedTest
  @EnumSource(WsmanErrorCode.class)
  void getErrorMessageKnowsEveryWsmanFaultCode(WsmanErrorCode code) {
    String text = wsman.getErrorMessage(code.value());
    assertThat(text).isNotBlank().doesNotStartWith("Unknown");
    assertThat(wsman.getErrorMessage((int) code.value())).as("int form").isEqualTo(text);
  }

  @Test
  void getErrorMessageSpecificTexts() {
    assertThat(wsman.getErrorMessage(2150858793L)).contains("OperationTimeout");
    assertThat(wsman.getErrorMessage(0x8033805B)).contains("invalid selectors");
    assertThat(wsman.getErrorMessage(5)).isEqualTo("Access is denied.");
    assertThat(wsman.getErrorMessage(42)).isEqualTo("Unknown WS-Management error code 42 (0x2A).");
  }

  @Test
  void theOptionsAndLocatorFactoriesReturnBuilders() {
    assertThat(wsman.createConnectionOptions().build().hasCredentials()).isFalse();
    assertThat(wsman.createResourceLocator("urn:r").build().resourceUri()).isEqualTo("urn:r");
    assertThat(wsman.authSelector().trustedHosts().patterns()).containsExactly("*.corp.com");
    assertThat(wsman.toString()).contains("*.corp.com");
  }
}
