package org.openrms.wsman.server;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.openrms.wsman.Envelope;
import org.openrms.wsman.XmlElement;

/**
 * One authenticated request handed to a {@link Resource}.
 *
 * @param envelope the parsed request envelope (all headers, the body)
 * @param user the authenticated account name
 * @param resourceUri the {@code w:ResourceURI}
 * @param action the {@code a:Action}
 * @param remoteAddress the client's IP address and port as text
 * @param maxEnvelopeSize the largest response envelope in bytes: the client's {@code
 *     w:MaxEnvelopeSize}, capped at the listener's maximum, which also applies when the client sent
 *     none (MS-WSMV 3.1.4.1.7)
 * @param endpoint the listener URL as this request reached it ({@code https://host:port/wsman}: the
 *     request's scheme, its Host, else the local address, and port), for addresses written in
 *     responses such as {@code x:ResourceCreated}; empty when unknown
 */
public record ResourceRequest(
    Envelope envelope,
    String user,
    String resourceUri,
    String action,
    String remoteAddress,
    int maxEnvelopeSize,
    String endpoint) {
  /** A request whose endpoint is unknown. */
  public ResourceRequest(
      Envelope envelope,
      String user,
      String resourceUri,
      String action,
      String remoteAddress,
      int maxEnvelopeSize) {
    this(envelope, user, resourceUri, action, remoteAddress, maxEnvelopeSize, "");
  }

  /** Checks for nulls. */
  public ResourceRequest {
    Objects.requireNonNull(endpoint, "endpoint");
    Objects.requireNonNull(envelope, "envelope");
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(resourceUri, "resourceUri");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(remoteAddress, "remoteAddress");
  }

  /** The {@code w:SelectorSet} as name to value. */
  public Map<String, String> selectors() {
    return envelope.selectors();
  }

  /** The first element of the body, if any. */
  public Optional<XmlElement> body() {
    return envelope.bodyElement();
  }
}
