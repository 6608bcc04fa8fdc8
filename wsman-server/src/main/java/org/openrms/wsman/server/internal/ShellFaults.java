package org.openrms.wsman.server.internal;

import org.openrms.wsman.FaultType;
import org.openrms.wsman.WsmanErrorCode;
import org.openrms.wsman.WsmanFault;
import org.openrms.wsman.WsmanFaultException;

/** The faults of the shell resource, shaped as Windows sends them. */
final class ShellFaults {
  private ShellFaults() {}

  /**
   * {@code w:InvalidSelectors} with {@code faultDetail/UnexpectedSelectors} and WSManFault
   * 2150858843: an unknown, closed or foreign ShellId, or an unknown CommandId (as in the pypsrp
   * recording {@code test_winrs_bad_cmd_id.yml}). The value is clipped, never a secret.
   */
  static WsmanFaultException invalidSelector(String name, String value) {
    String v = value == null ? "(none)" : value.length() > 64 ? value.substring(0, 64) : value;
    return WsmanFaultException.of(
        FaultType.INVALID_SELECTORS
            .fault(
                "The request for the Windows Remote Shell with "
                    + name
                    + " "
                    + v
                    + " failed because the shell or command was not found.")
            .withWsmanCode(WsmanErrorCode.INVALID_SELECTORS.value())
            .withFaultDetail(WsmanFault.DETAIL_UNEXPECTED_SELECTORS));
  }

  /** {@code w:SchemaValidationError} (2150858817). */
  static WsmanFaultException schema(String message) {
    return FaultType.SCHEMA_VALIDATION_ERROR.exception(message);
  }

  /** MS-WSMV 3.1.4.5.2.1: MaxShellsPerUser reached (ERROR_WSMAN_QUOTA_MAX_SHELLS, 2150859173). */
  static WsmanFaultException tooManyShells() {
    return WsmanFaultException.of(
        FaultType.QUOTA_LIMIT
            .fault(
                "The Windows Remote Shell cannot process the request. The server is already"
                    + " executing the maximum number of concurrent shells a user can remotely"
                    + " open on the same system. Retry later.")
            .withWsmanCode(WsmanErrorCode.QUOTA_MAX_SHELLS.value()));
  }

  /**
   * {@code w:QuotaLimit} (ERROR_WSMAN_QUOTA_LIMIT, 2150858815): a Receive of this command is
   * already waiting; a command has at most one pending Receive.
   */
  static WsmanFaultException receivePending(String commandId) {
    return WsmanFaultException.of(
        FaultType.QUOTA_LIMIT
            .fault(
                "The WS-Management service cannot process the request. A Receive for command "
                    + commandId
                    + " is already in progress; wait for its response.")
            .withWsmanCode(WsmanErrorCode.QUOTA_LIMIT.value()));
  }

  /**
   * {@code w:QuotaLimit} (ERROR_WSMAN_QUOTA_LIMIT, 2150858815): the account already has {@code max}
   * requests waiting (Receives waiting for output, Sends waiting for stdin room).
   */
  static WsmanFaultException tooManyLongPolls(int max) {
    return WsmanFaultException.of(
        FaultType.QUOTA_LIMIT
            .fault(
                "The WS-Management service cannot process the request. This user already has the"
                    + " maximum number of waiting operations ("
                    + max
                    + "). Retry later.")
            .withWsmanCode(WsmanErrorCode.QUOTA_LIMIT.value()));
  }
}
