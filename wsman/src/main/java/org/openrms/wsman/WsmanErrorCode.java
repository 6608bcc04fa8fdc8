package org.openrms.wsman;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The WSManFault {@code Code} values (uint32, written in decimal) this project produces or
 * recognises, with their Windows names. {@link #fromValue(long)} is the reverse lookup.
 */
public enum WsmanErrorCode {
  /** {@code ERROR_ACCESS_DENIED}: the caller may not perform the operation. */
  ACCESS_DENIED(5L),
  /** {@code ERROR_INVALID_PARAMETER}. */
  INVALID_PARAMETER(87L),
  /** {@code ERROR_OPERATION_ABORTED}. */
  OPERATION_ABORTED(995L),
  /** {@code ERROR_WSMAN_RESOURCE_NOT_FOUND}: no resource for this resource URI and selectors. */
  RESOURCE_NOT_FOUND(2150858752L),
  /** {@code ERROR_WSMAN_INVALID_ACTIONURI}: the WS-Addressing action is not supported. */
  INVALID_ACTIONURI(2150858753L),
  /** {@code ERROR_WSMAN_INVALID_URI}: the resource URI is missing or malformed. */
  INVALID_URI(2150858754L),
  /** {@code ERROR_WSMAN_PROVIDER_FAILURE}: an error inside the plugin. */
  PROVIDER_FAILURE(2150858755L),
  /**
   * {@code ERROR_WSMAN_ENUMERATION_CLOSED}: the enumeration context is unknown, finished or
   * released.
   */
  ENUMERATION_CLOSED(2150858759L),
  /** {@code ERROR_WSMAN_CANNOT_PROCESS_FILTER}: the enumeration filter cannot be processed. */
  CANNOT_PROCESS_FILTER(2150858778L),
  /** {@code ERROR_WSMAN_ENVELOPE_TOO_LARGE}: the received envelope exceeds the service's limit. */
  ENVELOPE_TOO_LARGE(2150858790L),
  /** {@code ERROR_WSMAN_OPERATION_TIMEDOUT}: nothing happened within OperationTimeout. */
  OPERATION_TIMEDOUT(2150858793L),
  /** {@code ERROR_WSMAN_QUOTA_LIMIT}. */
  QUOTA_LIMIT(2150858815L),
  /** {@code ERROR_WSMAN_SCHEMA_VALIDATION_ERROR}: the XML is invalid for the schema. */
  SCHEMA_VALIDATION_ERROR(2150858817L),
  /**
   * {@code ERROR_WSMAN_MAX_ENVELOPE_SIZE}: the MaxEnvelopeSize the client asked for is not
   * acceptable (MS-WSMV 3.1.4.1.7: below 8192).
   */
  MAX_ENVELOPE_SIZE(2150858823L),
  /**
   * {@code ERROR_WSMAN_MAX_ENVELOPE_SIZE_EXCEEDED}: the response would exceed the client's
   * MaxEnvelopeSize.
   */
  MAX_ENVELOPE_SIZE_EXCEEDED(2150858824L),
  /** {@code ERROR_WSMAN_SERVER_ENVELOPE_LIMIT}: the envelope exceeds the service's own limit. */
  SERVER_ENVELOPE_LIMIT(2150858825L),
  /** {@code ERROR_WSMAN_INSUFFCIENT_SELECTORS} (sic). */
  INSUFFICIENT_SELECTORS(2150858842L),
  /** Invalid selectors, e.g. an unknown or closed ShellId or CommandId. */
  INVALID_SELECTORS(2150858843L),
  /** {@code ERROR_WSMAN_INVALID_HEADER}: a header is invalid or missing. */
  INVALID_HEADER(2150859035L),
  /**
   * {@code ERROR_WSMAN_QUOTA_MAX_SHELLS}: the user already has the maximum number of shells (winrs
   * MaxShellsPerUser).
   */
  QUOTA_MAX_SHELLS(2150859173L),
  /** {@code ERROR_WSMAN_QUOTA_MAX_OPERATIONS}: too many operations (commands). */
  QUOTA_MAX_OPERATIONS(2150859174L);

  private static final Map<Long, WsmanErrorCode> BY_VALUE = new HashMap<>();

  static {
    for (WsmanErrorCode c : values()) {
      BY_VALUE.put(c.value, c);
    }
  }

  private final long value;

  WsmanErrorCode(long value) {
    this.value = value;
  }

  /** The uint32 value as written in {@code f:WSManFault/@Code}. */
  public long value() {
    return value;
  }

  /** The code with this value, if known. */
  public static Optional<WsmanErrorCode> fromValue(long value) {
    return Optional.ofNullable(BY_VALUE.get(value));
  }
}
