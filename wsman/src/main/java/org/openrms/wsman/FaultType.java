package org.openrms.wsman;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import javax.xml.namespace.QName;

/**
 * The one table of WS-Management faults: each entry maps a SOAP code and subcode to the fault
 * action, the default WSManFault code, the default reason and the {@link WsmanFaultException}
 * subclass that carries it. {@link #of(SoapCode, QName)} is the reverse lookup used by the parser;
 * {@link #exception(String)} builds the typed exception with the defaults.
 */
public enum FaultType {
  /** {@code a:DestinationUnreachable}: no resource at this ResourceURI and selectors. */
  DESTINATION_UNREACHABLE(
      SoapCode.SENDER,
      Namespaces.ADDRESSING,
      "DestinationUnreachable",
      Actions.ADDRESSING_FAULT,
      WsmanErrorCode.RESOURCE_NOT_FOUND,
      "The WS-Management service cannot process the request. The service cannot find the resource"
          + " identified by the resource URI and selectors.",
      WsmanFaultException.DestinationUnreachable::new),
  /** {@code a:ActionNotSupported}: the resource does not support the action. */
  ACTION_NOT_SUPPORTED(
      SoapCode.SENDER,
      Namespaces.ADDRESSING,
      "ActionNotSupported",
      Actions.ADDRESSING_FAULT,
      WsmanErrorCode.INVALID_ACTIONURI,
      "The WS-Management service cannot process the request. The WS-Addressing action URI is"
          + " invalid.",
      WsmanFaultException.ActionNotSupported::new),
  /** {@code a:InvalidMessageInformationHeader}: an addressing or WS-Man header is invalid. */
  INVALID_MESSAGE_INFORMATION_HEADER(
      SoapCode.SENDER,
      Namespaces.ADDRESSING,
      "InvalidMessageInformationHeader",
      Actions.ADDRESSING_FAULT,
      WsmanErrorCode.INVALID_HEADER,
      "A message information header is not valid.",
      WsmanFaultException.InvalidMessageInformationHeader::new),
  /**
   * {@code a:MessageInformationHeaderRequired}: a required header (Action, MessageID) is absent.
   */
  MESSAGE_INFORMATION_HEADER_REQUIRED(
      SoapCode.SENDER,
      Namespaces.ADDRESSING,
      "MessageInformationHeaderRequired",
      Actions.ADDRESSING_FAULT,
      WsmanErrorCode.INVALID_HEADER,
      "A required message information header is absent.",
      WsmanFaultException.InvalidMessageInformationHeader::new),
  /** {@code w:AccessDenied}. */
  ACCESS_DENIED(
      SoapCode.SENDER,
      Namespaces.WSMAN,
      "AccessDenied",
      Actions.WSMAN_FAULT,
      WsmanErrorCode.ACCESS_DENIED,
      "Access is denied.",
      WsmanFaultException.AccessDenied::new),
  /** {@code w:InvalidSelectors}: unknown, missing or closed ShellId/CommandId and the like. */
  INVALID_SELECTORS(
      SoapCode.SENDER,
      Namespaces.WSMAN,
      "InvalidSelectors",
      Actions.WSMAN_FAULT,
      WsmanErrorCode.INVALID_SELECTORS,
      "The WS-Management service cannot process the request because the request contained invalid"
          + " selectors for the resource.",
      WsmanFaultException.InvalidSelectors::new),
  /** {@code w:SchemaValidationError}: malformed XML or a body of the wrong shape. */
  SCHEMA_VALIDATION_ERROR(
      SoapCode.SENDER,
      Namespaces.WSMAN,
      "SchemaValidationError",
      Actions.WSMAN_FAULT,
      WsmanErrorCode.SCHEMA_VALIDATION_ERROR,
      "The SOAP XML in the message does not match the corresponding XML schema definition.",
      WsmanFaultException.SchemaValidationError::new),
  /** {@code w:EncodingLimit}: an envelope or one of its parts is too large or too deep. */
  ENCODING_LIMIT(
      SoapCode.SENDER,
      Namespaces.WSMAN,
      "EncodingLimit",
      Actions.WSMAN_FAULT,
      WsmanErrorCode.MAX_ENVELOPE_SIZE,
      "An internal encoding limit was exceeded in a request or would be violated if the message"
          + " were processed.",
      WsmanFaultException.EncodingLimit::new),
  /** {@code w:TimedOut}: nothing to report within OperationTimeout; a Receive is retried. */
  TIMED_OUT(
      SoapCode.RECEIVER,
      Namespaces.WSMAN,
      "TimedOut",
      Actions.WSMAN_FAULT,
      WsmanErrorCode.OPERATION_TIMEDOUT,
      "The WS-Management service cannot complete the operation within the time specified in"
          + " OperationTimeout.",
      WsmanFaultException.TimedOut::new),
  /** {@code w:QuotaLimit}: too many shells, commands or operations. */
  QUOTA_LIMIT(
      SoapCode.SENDER,
      Namespaces.WSMAN,
      "QuotaLimit",
      Actions.WSMAN_FAULT,
      WsmanErrorCode.QUOTA_LIMIT,
      "The service is busy servicing other requests.",
      WsmanFaultException.QuotaLimit::new),
  /** {@code w:InvalidParameter}. */
  INVALID_PARAMETER(
      SoapCode.SENDER,
      Namespaces.WSMAN,
      "InvalidParameter",
      Actions.WSMAN_FAULT,
      WsmanErrorCode.INVALID_PARAMETER,
      "The parameter is incorrect.",
      WsmanFaultException::new),
  /** {@code w:InternalError}: the service failed. */
  INTERNAL_ERROR(
      SoapCode.RECEIVER,
      Namespaces.WSMAN,
      "InternalError",
      Actions.WSMAN_FAULT,
      WsmanErrorCode.PROVIDER_FAILURE,
      "The service cannot comply with the request due to internal processing errors.",
      WsmanFaultException::new),
  /** {@code n:CannotProcessFilter}: the enumeration filter is wrong. */
  CANNOT_PROCESS_FILTER(
      SoapCode.SENDER,
      Namespaces.ENUMERATION,
      "CannotProcessFilter",
      Actions.ENUMERATION_FAULT,
      WsmanErrorCode.CANNOT_PROCESS_FILTER,
      "The requested filter could not be processed.",
      WsmanFaultException::new),
  /** {@code n:InvalidEnumerationContext}: a Pull or Release names an unknown context. */
  INVALID_ENUMERATION_CONTEXT(
      SoapCode.RECEIVER,
      Namespaces.ENUMERATION,
      "InvalidEnumerationContext",
      Actions.ENUMERATION_FAULT,
      WsmanErrorCode.ENUMERATION_CLOSED,
      "The supplied enumeration context is invalid.",
      WsmanFaultException::new),
  /** {@code s:VersionMismatch}: the root is not a SOAP 1.2 envelope. */
  VERSION_MISMATCH(
      SoapCode.VERSION_MISMATCH,
      null,
      null,
      Actions.ADDRESSING_FAULT,
      null,
      "The envelope is not in the SOAP 1.2 namespace.",
      WsmanFaultException.VersionMismatch::new),
  /** {@code s:MustUnderstand}: a mustUnderstand header is not understood. */
  MUST_UNDERSTAND(
      SoapCode.MUST_UNDERSTAND,
      null,
      null,
      Actions.ADDRESSING_FAULT,
      null,
      "A header marked mustUnderstand was not understood.",
      WsmanFaultException::new),
  /** Any other code and subcode: carried by the base {@link WsmanFaultException}. */
  OTHER(
      SoapCode.RECEIVER,
      null,
      null,
      Actions.WSMAN_FAULT,
      null,
      "The WS-Management service cannot process the request.",
      WsmanFaultException::new);

  private static final Map<QName, FaultType> BY_SUBCODE = new HashMap<>();

  static {
    for (FaultType t : values()) {
      if (t.subcode != null) {
        BY_SUBCODE.put(t.subcode, t);
      }
    }
  }

  private final SoapCode code;
  private final QName subcode;
  private final String action;
  private final WsmanErrorCode defaultErrorCode;
  private final String defaultReason;
  private final Function<WsmanFault, WsmanFaultException> factory;

  FaultType(
      SoapCode code,
      String subcodeNs,
      String subcodeLocal,
      String action,
      WsmanErrorCode defaultErrorCode,
      String defaultReason,
      Function<WsmanFault, WsmanFaultException> factory) {
    this.code = code;
    this.subcode =
        subcodeNs == null
            ? null
            : new QName(
                subcodeNs, subcodeLocal, Namespaces.standardPrefix(subcodeNs).orElseThrow());
    this.action = action;
    this.defaultErrorCode = defaultErrorCode;
    this.defaultReason = defaultReason;
    this.factory = factory;
  }

  /** The SOAP code. */
  public SoapCode code() {
    return code;
  }

  /** The subcode, or null for the SOAP-level faults and {@link #OTHER}. */
  public QName subcode() {
    return subcode;
  }

  /** The WS-Addressing action of a fault message of this type. */
  public String action() {
    return action;
  }

  /** The WSManFault code written when the caller gives none, or null for none. */
  public WsmanErrorCode defaultErrorCode() {
    return defaultErrorCode;
  }

  /** The reason text written when the caller gives none. */
  public String defaultReason() {
    return defaultReason;
  }

  /** The type for a parsed code and subcode; {@link #OTHER} when the pair is not in the table. */
  public static FaultType of(SoapCode code, QName subcode) {
    if (subcode != null) {
      FaultType t = BY_SUBCODE.get(subcode);
      return t == null ? OTHER : t;
    }
    if (code == SoapCode.VERSION_MISMATCH) {
      return VERSION_MISMATCH;
    }
    return code == SoapCode.MUST_UNDERSTAND ? MUST_UNDERSTAND : OTHER;
  }

  /**
   * A fault of this type with the default reason and code, and {@code message} as the WSManFault
   * message.
   */
  public WsmanFault fault(String message) {
    return new WsmanFault(
        code,
        subcode,
        defaultReason,
        WsmanFault.DEFAULT_LANG,
        null,
        defaultErrorCode == null ? null : defaultErrorCode.value(),
        null,
        message);
  }

  /** The typed exception for a fault of this type with {@code message}. */
  public WsmanFaultException exception(String message) {
    return exception(fault(message), null);
  }

  /** The typed exception for a fault of this type with {@code message} and {@code cause}. */
  public WsmanFaultException exception(String message, Throwable cause) {
    return exception(fault(message), cause);
  }

  static WsmanFaultException exception(WsmanFault fault, Throwable cause) {
    Objects.requireNonNull(fault, "fault");
    WsmanFaultException e = of(fault.code(), fault.subcode()).factory.apply(fault);
    if (cause != null) {
      e.initCause(cause);
    }
    return e;
  }
}
