package org.openrms.wsman.client.internal;

import java.io.IOException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.openrms.auth.SecurityContext;
import org.openrms.auth.SecurityContextException;
import org.openrms.wsman.EncryptedMessage;
import org.openrms.wsman.EncryptedMessageException;
import org.openrms.wsman.client.WsmanAuthenticationException;
import org.openrms.wsman.client.WsmanClientException;

/**
 * The Negotiate or Kerberos state of one connection: the HTTP 401 rounds ({@code Authorization:
 * <scheme> <base64>} answered by {@code WWW-Authenticate: <scheme> <base64>}), the check that the
 * service authenticated itself when the mechanism can (Kerberos: the final token must complete the
 * context), and then MS-WSMV message encryption of every request and response when the session
 * encrypts.
 *
 * <ul>
 *   <li>Encrypting (plain HTTP): as pywinrm, the handshake goes in empty POSTs; its last answer
 *       must be a success. Then each request is sealed into an {@link EncryptedMessage}, and each
 *       response must come sealed (a success in clear is refused as a downgrade), is unsealed, and
 *       its length checked against its {@code OriginalContent} length.
 *   <li>Not encrypting (HTTPS, NoEncryption): each round carries the request itself, as HTTP
 *       clients do; the answer that ends the handshake is the response.
 * </ul>
 *
 * A 401 that carries no token (wrong credentials, or the service lost the connection's state) is
 * returned for {@link Exchange} to report. A service that offers only {@code Negotiate} to a
 * Kerberos-scheme client gets the same Kerberos token again under {@code Negotiate} (which accepts
 * raw Kerberos tokens), and encryption then uses the SPNEGO protocol.
 */
public final class NegotiateConnection implements ConnectionAuth {
  /** The HTTP scheme of SPNEGO (NTLM or Kerberos). */
  public static final String NEGOTIATE = "Negotiate";

  /** The HTTP scheme of raw Kerberos. */
  public static final String KERBEROS = "Kerberos";

  private static final int MAX_ROUNDS = 8;

  private final String endpoint;
  private final SecurityContext context;
  private final boolean encrypt;
  private final int maxResponse;
  private String scheme;
  private boolean authenticated;

  /**
   * The state of one connection.
   *
   * @param endpoint the endpoint, for messages
   * @param scheme {@link #NEGOTIATE} or {@link #KERBEROS}
   * @param context a fresh initiator context, owned (closed) by this object from now on
   * @param encrypt whether requests and responses are sealed
   * @param maxResponse the largest decrypted response
   */
  public NegotiateConnection(
      String endpoint, String scheme, SecurityContext context, boolean encrypt, int maxResponse) {
    this.endpoint = endpoint;
    this.scheme = scheme;
    this.context = context;
    this.encrypt = encrypt;
    this.maxResponse = maxResponse;
  }

  @Override
  public HttpTransport.Answer send(
      HttpTransport.Wire wire, byte[] body, Map<String, String> headers) throws IOException {
    if (!authenticated) {
      HttpTransport.Answer a = handshake(wire, body, headers);
      if (!authenticated || !encrypt) {
        return a;
      }
    }
    if (!encrypt) {
      return wire.exchange(body, headers, true);
    }
    EncryptedMessage sealed =
        EncryptedMessage.seal(
            context,
            KERBEROS.equals(scheme) ? EncryptedMessage.KERBEROS : EncryptedMessage.SPNEGO,
            body);
    Map<String, String> h = new LinkedHashMap<>(headers);
    h.put("Content-Type", sealed.contentType());
    return open(wire.exchange(sealed.encode(), h, true));
  }

  /**
   * Runs the rounds. Returns the answer that ended them: the response itself when not encrypting,
   * the answer to the last empty POST when encrypting, or the refusal.
   */
  private HttpTransport.Answer handshake(
      HttpTransport.Wire wire, byte[] body, Map<String, String> headers) throws IOException {
    byte[] roundBody = encrypt ? new byte[0] : body;
    byte[] token = step(null);
    for (int round = 1; ; round++) {
      if (token == null) {
        throw failure("the mechanism produced no token for the service");
      }
      Map<String, String> h = new LinkedHashMap<>(headers);
      h.put("Authorization", scheme + " " + Base64.getEncoder().encodeToString(token));
      HttpTransport.Answer a = wire.exchange(roundBody, h, !encrypt);
      byte[] in = token(a.authenticate(), scheme);
      if (a.status() == 401) {
        if (in == null && round == 1 && KERBEROS.equals(scheme) && offers(a, NEGOTIATE)) {
          scheme = NEGOTIATE; // raw Kerberos under Negotiate; nothing was consumed
          continue;
        }
        if (in == null && round == 1 && !offers(a, scheme) && !a.authenticate().isEmpty()) {
          throw failure(
              "the service does not offer "
                  + scheme
                  + " (it offers "
                  + String.join(", ", a.authenticate())
                  + ")");
        }
        if (in == null || context.isEstablished() || round >= MAX_ROUNDS) {
          return a; // refused: Exchange reports the 401
        }
        token = step(in);
        continue;
      }
      if (in != null && !context.isEstablished()) {
        token = step(in);
        if (token != null && !context.isEstablished()) {
          throw failure("the service ended the handshake while the mechanism had more to send");
        }
      }
      if (!context.isEstablished()) {
        if (a.status() >= 200 && a.status() < 300) {
          throw failure(
              "the service did not authenticate itself: its answer carried no final "
                  + scheme
                  + " token to complete mutual authentication");
        }
        return a; // another failure (a fault, 403 …): reported as it is
      }
      authenticated = true;
      if (encrypt && (a.status() < 200 || a.status() > 299)) {
        authenticated = false;
        return a; // the service refused to go on (for instance, no encryption)
      }
      return a;
    }
  }

  /** Decrypts a response, which must come sealed unless it is an error without a body. */
  private HttpTransport.Answer open(HttpTransport.Answer a) {
    if (EncryptedMessage.isEncrypted(a.contentType())) {
      try {
        byte[] plain =
            EncryptedMessage.decode(a.contentType(), a.body(), maxResponse).unseal(context);
        return a.withBody(Exchange.SOAP_XML, plain);
      } catch (EncryptedMessageException | SecurityContextException e) {
        throw new WsmanClientException(
            "the encrypted response from "
                + endpoint
                + " was refused (tampered, replayed or malformed): "
                + e.getMessage());
      }
    }
    if (a.status() >= 200 && a.status() < 300 && a.body().length > 0) {
      throw new WsmanClientException(
          endpoint
              + " answered in clear although the session encrypts its messages; the response was"
              + " discarded");
    }
    if (a.status() == 401) {
      authenticated = false;
    }
    return a;
  }

  private byte[] step(byte[] in) {
    try {
      return context.step(in);
    } catch (SecurityContextException e) {
      throw failure(e.getMessage());
    }
  }

  private WsmanAuthenticationException failure(String problem) {
    return new WsmanAuthenticationException(
        scheme + " authentication with " + endpoint + " failed: " + problem);
  }

  /** The token of {@code scheme} among the {@code WWW-Authenticate} values, or null. */
  static byte[] token(List<String> authenticate, String scheme) {
    for (String header : authenticate) {
      for (String part : header.split(",")) {
        String p = part.trim();
        if (p.regionMatches(true, 0, scheme, 0, scheme.length())
            && p.length() > scheme.length() + 1
            && p.charAt(scheme.length()) == ' ') {
          String b64 = p.substring(scheme.length() + 1).trim();
          try {
            return Base64.getDecoder().decode(b64);
          } catch (IllegalArgumentException e) {
            throw new WsmanAuthenticationException(
                "the service sent a " + scheme + " token that is not base64");
          }
        }
      }
    }
    return null;
  }

  private static boolean offers(HttpTransport.Answer a, String scheme) {
    for (String header : a.authenticate()) {
      for (String part : header.split(",")) {
        String p = part.trim().toLowerCase(Locale.ROOT);
        String s = scheme.toLowerCase(Locale.ROOT);
        if (p.equals(s) || p.startsWith(s + " ")) {
          return true;
        }
      }
    }
    return false;
  }

  @Override
  public void close() {
    context.close();
  }
}
