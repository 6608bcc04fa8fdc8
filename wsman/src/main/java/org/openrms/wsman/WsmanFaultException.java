package org.openrms.wsman;

import java.util.Objects;

/**
 * A WS-Management fault, received from a peer or raised locally (a parse failure of {@link
 * EnvelopeReader}, a handler refusing a request). It carries the {@link WsmanFault} that goes on
 * the wire. The nested subclasses are typed by subcode so callers can catch, say, {@link TimedOut};
 * they are built only through {@link FaultType} (the one mapping table) or {@link #of(WsmanFault)}.
 *
 * <p>Unchecked, like {@code DrmException}: the message names the problem and never contains
 * secrets.
 */
public class WsmanFaultException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient WsmanFault fault;

  /** Used by {@link FaultType}; prefer {@link #of(WsmanFault)}. */
  protected WsmanFaultException(WsmanFault fault) {
    super(describe(fault));
    this.fault = fault;
  }

  /** The typed exception for a parsed or built fault. */
  public static WsmanFaultException of(WsmanFault fault) {
    return FaultType.exception(fault, null);
  }

  /** The fault as it goes on the wire. */
  public WsmanFault fault() {
    return fault;
  }

  /** The table entry of this fault's code and subcode. */
  public FaultType type() {
    return FaultType.of(fault.code(), fault.subcode());
  }

  private static String describe(WsmanFault fault) {
    Objects.requireNonNull(fault, "fault");
    StringBuilder sb = new StringBuilder();
    sb.append(fault.subcode() != null ? fault.subcode().getLocalPart() : fault.code().name());
    if (fault.wsmanCode() != null) {
      sb.append(" (").append(fault.wsmanCode()).append(')');
    }
    String text =
        fault.message() != null && !fault.message().isBlank() ? fault.message() : fault.reason();
    if (text != null && !text.isBlank()) {
      sb.append(": ").append(text.strip());
    }
    return sb.toString();
  }

  /** {@code a:DestinationUnreachable}: the resource does not exist. */
  public static final class DestinationUnreachable extends WsmanFaultException {
    private static final long serialVersionUID = 1L;

    DestinationUnreachable(WsmanFault fault) {
      super(fault);
    }
  }

  /** {@code a:ActionNotSupported}. */
  public static final class ActionNotSupported extends WsmanFaultException {
    private static final long serialVersionUID = 1L;

    ActionNotSupported(WsmanFault fault) {
      super(fault);
    }
  }

  /** {@code a:InvalidMessageInformationHeader} or {@code a:MessageInformationHeaderRequired}. */
  public static final class InvalidMessageInformationHeader extends WsmanFaultException {
    private static final long serialVersionUID = 1L;

    InvalidMessageInformationHeader(WsmanFault fault) {
      super(fault);
    }
  }

  /** {@code w:AccessDenied}. */
  public static final class AccessDenied extends WsmanFaultException {
    private static final long serialVersionUID = 1L;

    AccessDenied(WsmanFault fault) {
      super(fault);
    }
  }

  /** {@code w:InvalidSelectors}: e.g. the shell is unknown or was closed. */
  public static final class InvalidSelectors extends WsmanFaultException {
    private static final long serialVersionUID = 1L;

    InvalidSelectors(WsmanFault fault) {
      super(fault);
    }
  }

  /** {@code w:SchemaValidationError}: malformed XML or a message of the wrong shape. */
  public static final class SchemaValidationError extends WsmanFaultException {
    private static final long serialVersionUID = 1L;

    SchemaValidationError(WsmanFault fault) {
      super(fault);
    }
  }

  /** {@code w:EncodingLimit}: too large, too deep, too many elements or attributes. */
  public static final class EncodingLimit extends WsmanFaultException {
    private static final long serialVersionUID = 1L;

    EncodingLimit(WsmanFault fault) {
      super(fault);
    }
  }

  /** {@code w:TimedOut}: nothing within OperationTimeout. A Receive that gets it is retried. */
  public static final class TimedOut extends WsmanFaultException {
    private static final long serialVersionUID = 1L;

    TimedOut(WsmanFault fault) {
      super(fault);
    }
  }

  /** {@code w:QuotaLimit}. */
  public static final class QuotaLimit extends WsmanFaultException {
    private static final long serialVersionUID = 1L;

    QuotaLimit(WsmanFault fault) {
      super(fault);
    }
  }

  /** {@code s:VersionMismatch}: not a SOAP 1.2 envelope. */
  public static final class VersionMismatch extends WsmanFaultException {
    private static final long serialVersionUID = 1L;

    VersionMismatch(WsmanFault fault) {
      super(fault);
    }
  }
}
