package org.openrms.wsman;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The one fault table: every entry survives the wire and comes back as its own exception type. */
class FaultTableTest {
  @ParameterizedTest
  @EnumSource(FaultType.class)
  void everyTypeRoundTripsThroughTheWire(FaultType type) {
    Envelope request = Envelope.request("http://h:5985/wsman", "urn:r", Actions.GET).build();
    Envelope fault = type.fault("detail for " + type).withMachine("m1").toEnvelope(request);
    Envelope back = new EnvelopeReader().read(new EnvelopeWriter().toBytes(fault));
    WsmanFault f = back.fault().orElseThrow();
    assertThat(f).isEqualTo(fault.fault().orElseThrow());
    assertThat(f.type()).isEqualTo(type == FaultType.OTHER ? FaultType.OTHER : type);
    assertThat(back.action()).contains(type.action());
    assertThat(back.relatesTo()).isEqualTo(request.messageId());
    WsmanFaultException e = f.toException();
    assertThat(e.fault()).isEqualTo(f);
    assertThat(e.getClass()).isEqualTo(type.exception("x").getClass());
    if (type.defaultErrorCode() != null) {
      assertThat(f.wsmanCode()).isEqualTo(type.defaultErrorCode().value());
      assertThat(e).hasMessageContaining(Long.toString(type.defaultErrorCode().value()));
    }
  }

  @Test
  void typedExceptionsBySubcode() {
    assertThat(FaultType.DESTINATION_UNREACHABLE.exception("x"))
        .isInstanceOf(WsmanFaultException.DestinationUnreachable.class);
    assertThat(FaultType.ACTION_NOT_SUPPORTED.exception("x"))
        .isInstanceOf(WsmanFaultException.ActionNotSupported.class);
    assertThat(FaultType.INVALID_SELECTORS.exception("x"))
        .isInstanceOf(WsmanFaultException.InvalidSelectors.class);
    assertThat(FaultType.SCHEMA_VALIDATION_ERROR.exception("x"))
        .isInstanceOf(WsmanFaultException.SchemaValidationError.class);
    assertThat(FaultType.ENCODING_LIMIT.exception("x"))
        .isInstanceOf(WsmanFaultException.EncodingLimit.class);
    assertThat(FaultType.TIMED_OUT.exception("x")).isInstanceOf(WsmanFaultException.TimedOut.class);
    assertThat(FaultType.ACCESS_DENIED.exception("x"))
        .isInstanceOf(WsmanFaultException.AccessDenied.class);
    assertThat(FaultType.INVALID_MESSAGE_INFORMATION_HEADER.exception("x"))
        .isInstanceOf(WsmanFaultException.InvalidMessageInformationHeader.class);
    assertThat(FaultType.QUOTA_LIMIT.exception("x"))
        .isInstanceOf(WsmanFaultException.QuotaLimit.class);
  }

  @Test
  void defaultCodesAreTheWindowsValues() {
    assertThat(FaultType.INVALID_SELECTORS.defaultErrorCode().value()).isEqualTo(2150858843L);
    assertThat(FaultType.SCHEMA_VALIDATION_ERROR.defaultErrorCode().value()).isEqualTo(2150858817L);
    assertThat(FaultType.TIMED_OUT.defaultErrorCode().value()).isEqualTo(2150858793L);
    assertThat(FaultType.ACCESS_DENIED.defaultErrorCode().value()).isEqualTo(5L);
    assertThat(FaultType.DESTINATION_UNREACHABLE.defaultErrorCode().value()).isEqualTo(2150858752L);
    assertThat(WsmanErrorCode.MAX_ENVELOPE_SIZE.value()).isEqualTo(2150858823L);
    assertThat(WsmanErrorCode.MAX_ENVELOPE_SIZE_EXCEEDED.value()).isEqualTo(2150858824L);
    assertThat(FaultType.TIMED_OUT.code()).isEqualTo(SoapCode.RECEIVER);
  }

  @Test
  void errorCodeReverseLookup() {
    for (WsmanErrorCode c : WsmanErrorCode.values()) {
      assertThat(WsmanErrorCode.fromValue(c.value())).contains(c);
    }
    assertThat(WsmanErrorCode.fromValue(42)).isEmpty();
  }

  @Test
  void unknownSubcodeIsTheBaseException() {
    WsmanFault f =
        new WsmanFault(
            SoapCode.SENDER,
            new javax.xml.namespace.QName("urn:vendor", "Odd", "v"),
            "r",
            null,
            null,
            1L,
            null,
            "m");
    Envelope e = f.toEnvelope(Envelope.request("t", "r", Actions.GET).build());
    WsmanFault back =
        new EnvelopeReader().read(new EnvelopeWriter().toBytes(e)).fault().orElseThrow();
    assertThat(back.subcode()).isEqualTo(f.subcode());
    assertThat(back.type()).isEqualTo(FaultType.OTHER);
    assertThat(back.toException().getClass()).isEqualTo(WsmanFaultException.class);
    assertThat(EnumSet.allOf(FaultType.class)).hasSize(FaultType.values().length);
  }
}
