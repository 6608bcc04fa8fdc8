package org.openrms.wsman;

import java.util.Optional;

/** The {@code rsp:Code} URIs of a WinRS Signal. */
public enum SignalCode {
  /** End the command (pywinrm sends it after the output is read). */
  TERMINATE("terminate"),
  /** Ctrl+C. */
  CTRL_C("ctrl_c"),
  /** Ctrl+Break. */
  CTRL_BREAK("ctrl_break");

  private final String uri;

  SignalCode(String name) {
    this.uri = Namespaces.SHELL + "/signal/" + name;
  }

  /** The URI. */
  public String uri() {
    return uri;
  }

  /** The code with this URI. */
  public static Optional<SignalCode> fromUri(String uri) {
    for (SignalCode c : values()) {
      if (c.uri.equals(uri == null ? null : uri.strip())) {
        return Optional.of(c);
      }
    }
    return Optional.empty();
  }
}
