package org.openrms.wsman.server.internal;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.ConnectionMetaData;
import org.eclipse.jetty.server.Request;
import org.openrms.auth.Kerberos;
import org.openrms.auth.Ntlm;
import org.openrms.auth.NtlmOptions;
import org.openrms.auth.SecurityContext;
import org.openrms.auth.SecurityContextException;
import org.openrms.auth.Spnego;
import org.openrms.wsman.EncryptedMessage;
import org.openrms.wsman.EncryptedMessageException;
import org.openrms.wsman.server.AuthSettings;
import org.openrms.wsman.server.LocalAccounts;
import org.openrms.wsman.server.WsmanListenerConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code Negotiate} and {@code Kerberos} HTTP schemes, bound to the connection: the {@link
 * SecurityContext} is an attribute of Jetty's {@link ConnectionMetaData} (one per TCP connection)
 * and is closed with the connection. Rounds are 401 with {@code WWW-Authenticate: <scheme>
 * <token>}; a failed round forgets the context and answers 401 with the fresh challenges. Once
 * established, the connection is authenticated as {@link SecurityContext#peerName()} (never
 * anything a header says) until it closes or a new handshake starts, and:
 *
 * <ul>
 *   <li>an encrypted body ({@link EncryptedMessage}) is unsealed, and the answer sealed with the
 *       protocol the client used — over HTTP or HTTPS;
 *   <li>an empty body is answered 200 with an empty body (pywinrm finishes its handshake so before
 *       its first encrypted request);
 *   <li>a clear body over plain HTTP is refused with 400 unless {@code allowUnencrypted}; over
 *       HTTPS it is served in clear.
 * </ul>
 *
 * A malformed frame or a wrong OriginalContent length is 400 (the context stays); a message that
 * does not unseal (tampered, replayed, out of order) is 401 with the challenges, and the context is
 * dropped, since its sequence state is spent.
 */
public final class ConnectionAuth {
  private static final Logger LOG = LoggerFactory.getLogger(ConnectionAuth.class);
  private static final String ATTRIBUTE = ConnectionAuth.class.getName();

  /** The longest Authorization token accepted, in base64 characters (Windows: 64 KiB header). */
  static final int MAX_TOKEN = 64 * 1024;

  /**
   * What the handler does with a request.
   *
   * @param answer a final answer (a 401 round, a refusal, the 200 to an empty body), or null
   * @param user the authenticated account when {@code answer} is null; null for "not mine"
   * @param soap the clear request body
   * @param sealer the context to seal the answer with, or null to answer in clear
   * @param protocol the encryption protocol of the answer
   * @param mutual a final {@code WWW-Authenticate} value to add to the answer, or null
   */
  record Step(
      Answer answer,
      String user,
      byte[] soap,
      SecurityContext sealer,
      String protocol,
      String mutual) {
    static final Step NOT_MINE = new Step(null, null, null, null, null, null);

    static Step answer(Answer a) {
      return new Step(a, null, null, null, null, null);
    }
  }

  /** The security state of one connection. */
  private static final class State implements Connection.Listener {
    final String scheme;
    final SecurityContext context;

    State(String scheme, SecurityContext context) {
      this.scheme = scheme;
      this.context = context;
    }

    @Override
    public void onClosed(Connection connection) {
      context.close();
    }
  }

  private final WsmanListenerConfig config;
  private final AuthSettings auth;
  private final Supplier<LocalAccounts> accounts;

  /** Connection-bound authentication for {@code config}, with the current accounts. */
  public ConnectionAuth(WsmanListenerConfig config, Supplier<LocalAccounts> accounts) {
    this.config = config;
    this.auth = config.auth();
    this.accounts = accounts;
  }

  /**
   * The {@code WWW-Authenticate} values of a 401: {@code Negotiate}, {@code Kerberos}, and Basic
   * when {@code basic} (Basic is on and usable on this transport).
   */
  public List<String> challenges(boolean basic) {
    List<String> out = new ArrayList<>(3);
    if (auth.negotiate()) {
      out.add("Negotiate");
    }
    if (auth.kerberos()) {
      out.add("Kerberos");
    }
    if (basic) {
      out.add(WsmanHandler.BASIC_CHALLENGE);
    }
    return out;
  }

  /** A 401 with every challenge on offer for {@code request}. */
  Answer unauthorized(Request request) {
    Answer a = Answer.empty(401);
    boolean basic = auth.basic() && (request.isSecure() || config.allowUnencrypted());
    challenges(basic).forEach(c -> a.header("WWW-Authenticate", c));
    return a;
  }

  /** The scheme of a Negotiate or Kerberos Authorization header that is on, else null. */
  private String schemeOf(String authorization) {
    if (authorization == null) {
      return null;
    }
    String lower = authorization.strip().toLowerCase(Locale.ROOT);
    if (auth.negotiate() && lower.startsWith("negotiate ")) {
      return "Negotiate";
    }
    if (auth.kerberos() && lower.startsWith("kerberos ")) {
      return "Kerberos";
    }
    return null;
  }

  /** Looks at {@code request}: a handshake round, an authenticated message, or not mine. */
  Step step(Request request, RequestBody body) {
    ConnectionMetaData connection = request.getConnectionMetaData();
    State state = connection.getAttribute(ATTRIBUTE) instanceof State s ? s : null;
    String authorization = request.getHeaders().get(HttpHeader.AUTHORIZATION);
    String scheme = schemeOf(authorization);
    String mutual = null;
    if (scheme != null) {
      if (state != null && (state.context.isEstablished() || !state.scheme.equals(scheme))) {
        drop(connection, state); // a new handshake replaces the old one
        state = null;
      }
      byte[] token = token(authorization.strip().substring(scheme.length()).strip());
      if (token == null) {
        return refused(request, connection, state, "an unreadable " + scheme + " token");
      }
      if (state == null) {
        state = new State(scheme, newContext(scheme, request));
        connection.setAttribute(ATTRIBUTE, state);
        connection.getConnection().addEventListener(state);
      }
      byte[] out;
      try {
        out = state.context.step(token);
      } catch (SecurityContextException e) {
        return refused(request, connection, state, scheme + " " + e.reason());
      }
      if (!state.context.isEstablished()) {
        if (out == null) {
          return refused(request, connection, state, scheme + " round without a reply");
        }
        return Step.answer(
            Answer.empty(401).header("WWW-Authenticate", scheme + " " + base64(out)));
      }
      LOG.debug("{} established for {}", scheme, state.context.peerName());
      if (out != null) {
        mutual = scheme + " " + base64(out);
      }
    } else if (state == null) {
      return Step.NOT_MINE;
    } else if (!state.context.isEstablished()) {
      drop(connection, state); // a handshake abandoned half-way
      return Step.NOT_MINE;
    }
    return message(request, body, connection, state, mutual);
  }

  private Step message(
      Request request,
      RequestBody body,
      ConnectionMetaData connection,
      State state,
      String mutual) {
    String user = state.context.peerName();
    String type = request.getHeaders().get(HttpHeader.CONTENT_TYPE);
    if (EncryptedMessage.isEncrypted(type)) {
      if (body.tooLarge()) {
        return Step.answer(withMutual(Answer.empty(413), mutual));
      }
      EncryptedMessage m;
      byte[] soap;
      try {
        m = EncryptedMessage.decode(type, body.bytes(), config.maxEnvelopeSize());
      } catch (EncryptedMessageException e) {
        LOG.debug("refused an encrypted message: {}", e.getMessage());
        return Step.answer(withMutual(Answer.empty(400), mutual));
      }
      try {
        soap = m.unseal(state.context);
      } catch (SecurityContextException e) {
        return refused(request, connection, state, "an encrypted message: " + e.reason());
      } catch (EncryptedMessageException e) {
        LOG.debug("refused an encrypted message: {}", e.getMessage());
        return Step.answer(withMutual(Answer.empty(400), mutual));
      }
      return new Step(null, user, soap, state.context, m.protocol(), mutual);
    }
    if (body.bytes().length == 0 && !body.tooLarge()) {
      return Step.answer(withMutual(Answer.empty(200), mutual));
    }
    if (!request.isSecure() && !config.allowUnencrypted()) {
      LOG.debug("refused a clear message over plain HTTP from {}", user);
      return Step.answer(withMutual(Answer.empty(400), mutual));
    }
    return new Step(null, user, body.bytes(), null, null, mutual);
  }

  /** Seals {@code answer} for the client of {@code step}. */
  static Answer seal(Answer answer, Step step) {
    if (step.sealer() == null || answer.body.length == 0) {
      return answer;
    }
    EncryptedMessage m = EncryptedMessage.seal(step.sealer(), step.protocol(), answer.body);
    return answer.withBody(m.contentType(), m.encode());
  }

  private static Answer withMutual(Answer a, String mutual) {
    return mutual == null ? a : a.header("WWW-Authenticate", mutual);
  }

  private Step refused(Request request, ConnectionMetaData connection, State state, String why) {
    LOG.debug("authentication refused: {}", why);
    if (state != null) {
      drop(connection, state);
    }
    return Step.answer(unauthorized(request));
  }

  private static void drop(ConnectionMetaData connection, State state) {
    connection.removeAttribute(ATTRIBUTE);
    connection.getConnection().removeEventListener(state);
    state.context.close();
  }

  private SecurityContext newContext(String scheme, Request request) {
    if (scheme.equals("Kerberos")) {
      return Kerberos.acceptor(auth.kerberosAcceptor().orElseThrow());
    }
    return Spnego.acceptor(
        m ->
            switch (m) {
              case NTLM -> Ntlm.acceptor(accounts.get().ntlmAccounts(), ntlmOptions(request));
              case KERBEROS ->
                  Kerberos.acceptor(
                      auth.kerberosAcceptor()
                          .orElseThrow(
                              () ->
                                  new SecurityContextException(
                                      SecurityContextException.Reason.REFUSED,
                                      "Kerberos is not configured")));
              default ->
                  throw new SecurityContextException(
                      SecurityContextException.Reason.REFUSED, "unsupported mechanism " + m);
            });
  }

  /** NTLM options: the computer name, and over TLS the channel bindings of our certificate. */
  private NtlmOptions ntlmOptions(Request request) {
    NtlmOptions.Builder b = NtlmOptions.builder().computerName(auth.computerName());
    if (request.getAttribute(EndPoint.SslSessionData.ATTRIBUTE) instanceof EndPoint.SslSessionData d
        && d.sslSession() != null
        && d.sslSession().getLocalCertificates() != null
        && d.sslSession().getLocalCertificates().length > 0
        && d.sslSession().getLocalCertificates()[0] instanceof X509Certificate cert) {
      b.tlsServerCertificate(cert);
    }
    return b.build();
  }

  private static byte[] token(String b64) {
    if (b64.isEmpty() || b64.length() > MAX_TOKEN) {
      return null;
    }
    try {
      return Base64.getDecoder().decode(b64);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static String base64(byte[] b) {
    return Base64.getEncoder().encodeToString(b);
  }
}
