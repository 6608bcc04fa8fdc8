package org.openrms.wsman;

import java.util.Optional;

/** The {@code State} URIs of {@code rsp:CommandState}. */
public enum CommandState {
  /** Still running; more output may follow. */
  RUNNING("Running"),
  /** Finished; {@code rsp:ExitCode} is present. */
  DONE("Done"),
  /** Waiting for input. */
  PENDING("Pending");

  private final String uri;

  CommandState(String name) {
    this.uri = Namespaces.SHELL + "/CommandState/" + name;
  }

  /** The URI. */
  public String uri() {
    return uri;
  }

  /** The state with this URI. */
  public static Optional<CommandState> fromUri(String uri) {
    for (CommandState s : values()) {
      if (s.uri.equals(uri == null ? null : uri.strip())) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }
}
