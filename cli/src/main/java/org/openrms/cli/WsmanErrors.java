package org.openrms.cli;

import java.io.PrintWriter;
import org.openrms.cli.internal.ExitCodes;
import org.openrms.wsman.WsmanFault;
import org.openrms.wsman.WsmanFaultException;
import org.openrms.wsman.client.WsmanAuthenticationException;
import org.openrms.wsman.client.WsmanCertificateException;
import org.openrms.wsman.client.WsmanClientException;
import org.openrms.wsman.client.WsmanConnectionException;

/** How {@code openrms wsman} reports WS-Management failures: a line and an exit code. */
final class WsmanErrors {
  private WsmanErrors() {}

  /** Prints {@code e} and returns its exit code, or null if it is not a WS-Management failure. */
  static Integer report(Throwable e, PrintWriter err) {
    if (e instanceof WsmanFaultException f) {
      WsmanFault fault = f.fault();
      StringBuilder line = new StringBuilder("error: WS-Management fault ");
      line.append(fault.subcode() == null ? fault.code() : fault.subcode().getLocalPart());
      if (fault.wsmanCode() != null) {
        line.append(" (WSManFault code ").append(fault.wsmanCode()).append(')');
      }
      err.println(line);
      if (fault.reason() != null) {
        err.println("       " + fault.reason().strip());
      }
      return ExitCodes.FAILED;
    }
    if (e instanceof WsmanCertificateException c) {
      err.println("error: untrusted server certificate (" + c.check() + "): " + c.getMessage());
      return ExitCodes.SERVER;
    }
    if (e instanceof WsmanConnectionException) {
      err.println("error: cannot reach the service: " + e.getMessage());
      return ExitCodes.CONNECTION;
    }
    if (e instanceof WsmanAuthenticationException) {
      err.println("error: authentication failed: " + e.getMessage());
      return ExitCodes.IDENTITY;
    }
    if (e instanceof WsmanClientException) {
      err.println("error: " + e.getMessage());
      return ExitCodes.SERVER;
    }
    if (e instanceof UnsupportedOperationException) {
      err.println("error: " + e.getMessage() + " (use -a basic or -a certificate)");
      return ExitCodes.LOCAL;
    }
    return null;
  }
}
