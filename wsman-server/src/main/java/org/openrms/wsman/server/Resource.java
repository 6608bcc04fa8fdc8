package org.openrms.wsman.server;

import java.util.List;
import org.openrms.wsman.FaultType;
import org.openrms.wsman.WsmanFaultException;
import org.openrms.wsman.XmlElement;

/**
 * A WS-Management resource plugged into a {@link WsmanListener} under one resource URI. The
 * listener authenticates the caller, parses the envelope and picks the method by the request's
 * {@code a:Action}; the method returns the body element of the response (or {@code null} for an
 * empty body) and the listener adds the response action, MessageID and RelatesTo.
 *
 * <p>Every operation defaults to {@code a:ActionNotSupported}. A method signals a WS-Management
 * error by throwing a {@link WsmanFaultException} (built with {@link FaultType}); any other
 * exception becomes {@code w:InternalError}. Implementations must be thread-safe: requests arrive
 * concurrently.
 */
public interface Resource {
  /** The resource URI this resource answers, e.g. {@code http://example.org/wsman/things}. */
  String resourceUri();

  /** WS-Transfer Get: the resource's representation. */
  default XmlElement get(ResourceRequest request) {
    throw unsupported(request);
  }

  /** WS-Transfer Put: replaces the representation; returns the new one (or null). */
  default XmlElement put(ResourceRequest request) {
    throw unsupported(request);
  }

  /** WS-Transfer Create: returns the CreateResponse body (e.g. {@code x:ResourceCreated}). */
  default XmlElement create(ResourceRequest request) {
    throw unsupported(request);
  }

  /**
   * The whole body of a Create response; by default the one element {@link #create} returns. A
   * resource that answers with several body elements (the WinRS shell writes {@code
   * x:ResourceCreated} and {@code rsp:Shell}) overrides this.
   */
  default List<XmlElement> createResponseBody(ResourceRequest request) {
    XmlElement e = create(request);
    return e == null ? List.of() : List.of(e);
  }

  /** WS-Transfer Delete: returns null for the usual empty body. */
  default XmlElement delete(ResourceRequest request) {
    throw unsupported(request);
  }

  /** WS-Enumeration Enumerate: returns the {@code n:EnumerateResponse} element. */
  default XmlElement enumerate(ResourceRequest request) {
    throw unsupported(request);
  }

  /** WS-Enumeration Pull: returns the {@code n:PullResponse} element. */
  default XmlElement pull(ResourceRequest request) {
    throw unsupported(request);
  }

  /** WS-Enumeration Release: returns null for the usual empty body. */
  default XmlElement release(ResourceRequest request) {
    throw unsupported(request);
  }

  /**
   * Any other action (a custom method, or a WinRS Command/Receive/Send/Signal); the response action
   * is the request action + {@code Response}.
   */
  default XmlElement invoke(String action, ResourceRequest request) {
    throw unsupported(request);
  }

  /** The {@code a:ActionNotSupported} fault for {@code request}'s action on this resource. */
  static WsmanFaultException unsupported(ResourceRequest request) {
    return FaultType.ACTION_NOT_SUPPORTED.exception(
        "The action " + request.action() + " is not supported by " + request.resourceUri());
  }
}
