package org.openrms.wsman;

/** The WS-Addressing action URIs of the operations this project speaks. */
public final class Actions {
  private static final String T = Namespaces.TRANSFER + "/";
  private static final String N = Namespaces.ENUMERATION + "/";
  private static final String R = Namespaces.SHELL + "/";

  /** WS-Transfer Get. */
  public static final String GET = T + "Get";

  /** WS-Transfer Get response. */
  public static final String GET_RESPONSE = T + "GetResponse";

  /** WS-Transfer Put. */
  public static final String PUT = T + "Put";

  /** WS-Transfer Put response. */
  public static final String PUT_RESPONSE = T + "PutResponse";

  /** WS-Transfer Create. */
  public static final String CREATE = T + "Create";

  /** WS-Transfer Create response. */
  public static final String CREATE_RESPONSE = T + "CreateResponse";

  /** WS-Transfer Delete. */
  public static final String DELETE = T + "Delete";

  /** WS-Transfer Delete response. */
  public static final String DELETE_RESPONSE = T + "DeleteResponse";

  /** WS-Enumeration Enumerate. */
  public static final String ENUMERATE = N + "Enumerate";

  /** WS-Enumeration Enumerate response. */
  public static final String ENUMERATE_RESPONSE = N + "EnumerateResponse";

  /** WS-Enumeration Pull. */
  public static final String PULL = N + "Pull";

  /** WS-Enumeration Pull response. */
  public static final String PULL_RESPONSE = N + "PullResponse";

  /** WS-Enumeration Release. */
  public static final String RELEASE = N + "Release";

  /** WS-Enumeration Release response. */
  public static final String RELEASE_RESPONSE = N + "ReleaseResponse";

  /** WinRS Command. */
  public static final String COMMAND = R + "Command";

  /** WinRS Command response. */
  public static final String COMMAND_RESPONSE = R + "CommandResponse";

  /** WinRS Receive. */
  public static final String RECEIVE = R + "Receive";

  /** WinRS Receive response. */
  public static final String RECEIVE_RESPONSE = R + "ReceiveResponse";

  /** WinRS Send. */
  public static final String SEND = R + "Send";

  /** WinRS Send response. */
  public static final String SEND_RESPONSE = R + "SendResponse";

  /** WinRS Signal. */
  public static final String SIGNAL = R + "Signal";

  /** WinRS Signal response. */
  public static final String SIGNAL_RESPONSE = R + "SignalResponse";

  /**
   * Identify has no action on the wire: the request has an empty header and a {@code
   * wsmid:Identify} body. This pseudo-URI names it for dispatch tables.
   */
  public static final String IDENTIFY = Namespaces.IDENTITY + "#Identify";

  /** The action of a WS-Management fault. */
  public static final String WSMAN_FAULT = "http://schemas.dmtf.org/wbem/wsman/1/wsman/fault";

  /** The action of a WS-Addressing (and plain SOAP) fault. */
  public static final String ADDRESSING_FAULT = Namespaces.ADDRESSING + "/fault";

  /** The action of a WS-Enumeration fault. */
  public static final String ENUMERATION_FAULT = N + "fault";

  private Actions() {}
}
