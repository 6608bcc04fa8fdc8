package org.openrms.wsman.client.internal;

import java.util.HashMap;
import java.util.Map;
import org.openrms.wsman.WsmanErrorCode;

/**
 * The text of every WSManFault code the {@code wsman} module knows, for {@code getErrorMessage}.
 */
public final class ErrorMessages {
  private static final Map<Long, String> TEXT = new HashMap<>();

  static {
    TEXT.put(WsmanErrorCode.ACCESS_DENIED.value(), "Access is denied.");
    TEXT.put(WsmanErrorCode.INVALID_PARAMETER.value(), "The parameter is incorrect.");
    TEXT.put(
        WsmanErrorCode.OPERATION_ABORTED.value(),
        "The I/O operation has been aborted because of either a thread exit or an application"
            + " request.");
    TEXT.put(
        WsmanErrorCode.RESOURCE_NOT_FOUND.value(),
        "The WS-Management service cannot process the request. The service cannot find the"
            + " resource identified by the resource URI and selectors.");
    TEXT.put(
        WsmanErrorCode.INVALID_ACTIONURI.value(),
        "The WS-Management service cannot process the request. The WS-Addressing action URI is"
            + " invalid.");
    TEXT.put(
        WsmanErrorCode.INVALID_URI.value(),
        "The WS-Management service cannot process the request. The resource URI is missing or"
            + " has an incorrect format.");
    TEXT.put(
        WsmanErrorCode.PROVIDER_FAILURE.value(),
        "The WS-Management service cannot process the request. A plug-in failed while"
            + " processing it.");
    TEXT.put(
        WsmanErrorCode.CANNOT_PROCESS_FILTER.value(),
        "The WS-Management service cannot process the request because the filter is invalid or"
            + " not supported.");
    TEXT.put(
        WsmanErrorCode.ENVELOPE_TOO_LARGE.value(),
        "The WS-Management service cannot process the request because the envelope is too"
            + " large.");
    TEXT.put(
        WsmanErrorCode.OPERATION_TIMEDOUT.value(),
        "The WS-Management service cannot complete the operation within the time specified in"
            + " OperationTimeout.");
    TEXT.put(
        WsmanErrorCode.QUOTA_LIMIT.value(),
        "The WS-Management service cannot process the request. A quota limit was exceeded.");
    TEXT.put(
        WsmanErrorCode.SCHEMA_VALIDATION_ERROR.value(),
        "The WS-Management service cannot process the request because the XML is invalid.");
    TEXT.put(
        WsmanErrorCode.MAX_ENVELOPE_SIZE.value(),
        "The WS-Management service cannot process the request because the MaxEnvelopeSize"
            + " requested is not acceptable (it must be at least 8192 bytes).");
    TEXT.put(
        WsmanErrorCode.MAX_ENVELOPE_SIZE_EXCEEDED.value(),
        "The response that the WS-Management service computed exceeds the maximum envelope size"
            + " the request allows.");
    TEXT.put(
        WsmanErrorCode.SERVER_ENVELOPE_LIMIT.value(),
        "The WS-Management service cannot process the request because the envelope exceeds the"
            + " service's maximum envelope size.");
    TEXT.put(
        WsmanErrorCode.INSUFFICIENT_SELECTORS.value(),
        "The WS-Management service cannot process the request because selectors required by the"
            + " resource are missing.");
    TEXT.put(
        WsmanErrorCode.INVALID_SELECTORS.value(),
        "The WS-Management service cannot process the request because the request contained"
            + " invalid selectors for the resource.");
    TEXT.put(
        WsmanErrorCode.INVALID_HEADER.value(),
        "The WS-Management service cannot process the request because a header is invalid or"
            + " missing.");
    TEXT.put(
        WsmanErrorCode.QUOTA_MAX_OPERATIONS.value(),
        "The WS-Management service cannot process the request. This user is allowed a maximum"
            + " number of concurrent operations, which has been exceeded.");
    // Codes by number, so that a text exists before (or without) an enum constant.
    TEXT.put(
        2150858759L,
        "The WS-Management service cannot process the request because the enumeration context is"
            + " not valid (it finished, was released, or expired).");
    TEXT.put(
        2150859173L,
        "The WS-Management service cannot process the request. This user is allowed a maximum"
            + " number of shells, which has been exceeded.");
  }

  private ErrorMessages() {}

  /**
   * The text of a code. A negative value is read as the unsigned 32-bit number it stands for, so a
   * script's {@code int} {@code 0x8033805B} and the decimal {@code 2150858843} are the same code.
   */
  public static String of(long code) {
    long value = code < 0 && code >= Integer.MIN_VALUE ? code & 0xFFFFFFFFL : code;
    return java.util.Optional.ofNullable(TEXT.get(value))
        .orElseGet(
            () ->
                String.format(
                    "Unknown WS-Management error code %d (0x%X).", value, value & 0xFFFFFFFFL));
  }

  /** True if every code of {@link WsmanErrorCode} has a text (checked by a test). */
  public static boolean coversAllCodes() {
    return java.util.Arrays.stream(WsmanErrorCode.values())
        .allMatch(c -> TEXT.containsKey(c.value()));
  }
}
