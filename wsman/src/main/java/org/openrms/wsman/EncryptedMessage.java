package org.openrms.wsman;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import org.openrms.auth.SealedMessage;
import org.openrms.auth.SecurityContext;

/**
 * One HTTP body of WinRM message encryption over plain HTTP (MS-WSMV 2.2.9.1, SPNEGO and Kerberos
 * variants): the sealed SOAP envelope in a two-part {@code multipart/encrypted} MIME frame.
 *
 * <p>{@link #encode()} writes exactly what Windows, pywinrm and winrm4j write (winrm4j parses the
 * frame byte by byte, so nothing here may differ):
 *
 * <pre>
 * --Encrypted Boundary\r\n
 * \tContent-Type: application/HTTP-SPNEGO-session-encrypted\r\n
 * \tOriginalContent: type=application/soap+xml;charset=UTF-8;Length=&lt;plaintext length&gt;\r\n
 * --Encrypted Boundary\r\n
 * \tContent-Type: application/octet-stream\r\n
 * &lt;uint32 LE header length&gt;&lt;header&gt;&lt;sealed data&gt;--Encrypted Boundary--\r\n
 * </pre>
 *
 * with the HTTP {@code Content-Type} {@link #contentType()}: {@code
 * multipart/encrypted;protocol="<protocol>";boundary="Encrypted Boundary"}.
 *
 * <p>{@link #decode(String, byte[], int)} is tolerant where senders differ: header lines with or
 * without leading tabs or spaces, CRLF or bare LF line ends, any case of header names and parameter
 * names, quoted or bare Content-Type parameters, and anything or nothing after the closing {@code
 * --Encrypted Boundary--} but line breaks and blanks. It is strict where safety is at stake: one
 * chunk only (no CredSSP {@code multipart/x-multi-encrypted}), a header length of 1 to {@value
 * #MAX_HEADER_LENGTH} bytes that fits in the body, an {@code OriginalContent} length of at most the
 * caller's limit, and no allocation beyond the size of the body. Every failure is an {@link
 * EncryptedMessageException}.
 *
 * <pre>{@code
 * // sending
 * EncryptedMessage m = EncryptedMessage.seal(context, EncryptedMessage.SPNEGO, soapBytes);
 * post(m.contentType(), m.encode());
 * // receiving
 * byte[] soap = EncryptedMessage.decode(contentType, body, maxEnvelopeSize).unseal(context);
 * }</pre>
 *
 * @param protocol {@link #SPNEGO} or {@link #KERBEROS}
 * @param sealed the sealed message (NTLM signature or RFC 4121 wrap token header, and the data)
 * @param originalLength the length of the plaintext envelope in bytes
 */
public record EncryptedMessage(String protocol, SealedMessage sealed, int originalLength) {

  /**
   * The protocol of the {@code Negotiate} scheme (NTLM, SPNEGO; pywinrm also uses it for Kerberos).
   */
  public static final String SPNEGO = "application/HTTP-SPNEGO-session-encrypted";

  /** The protocol of the {@code Kerberos} scheme. */
  public static final String KERBEROS = "application/HTTP-Kerberos-session-encrypted";

  /** The MIME boundary every implementation uses. */
  public static final String BOUNDARY = "Encrypted Boundary";

  /** The media type of the HTTP body. */
  public static final String MEDIA_TYPE = "multipart/encrypted";

  /** The largest signature or wrap token header accepted (NTLM: 16 bytes, Kerberos: 60). */
  public static final int MAX_HEADER_LENGTH = 1024;

  private static final int MAX_LINE = 1024;
  private static final byte[] DELIMITER = ascii("--" + BOUNDARY);
  private static final byte[] CLOSE = ascii("--" + BOUNDARY + "--");
  private static final String OCTET_STREAM = "application/octet-stream";
  private static final String SOAP = "application/soap+xml";

  /** Checks the fields. */
  public EncryptedMessage {
    protocol = knownProtocol(Objects.requireNonNull(protocol, "protocol"));
    Objects.requireNonNull(sealed, "sealed");
    if (originalLength < 0) {
      throw new IllegalArgumentException("negative original length");
    }
    if (sealed.header().length == 0 || sealed.header().length > MAX_HEADER_LENGTH) {
      throw new IllegalArgumentException("the sealed header must be 1 to 1024 bytes");
    }
  }

  /**
   * Seals {@code plaintext} with an established context.
   *
   * @param context the established context of the connection
   * @param protocol {@link #SPNEGO} or {@link #KERBEROS}
   * @param plaintext the SOAP envelope
   */
  public static EncryptedMessage seal(SecurityContext context, String protocol, byte[] plaintext) {
    return new EncryptedMessage(protocol, context.seal(plaintext), plaintext.length);
  }

  /**
   * Unseals with an established context and checks the plaintext length against {@link
   * #originalLength()}.
   *
   * @throws org.openrms.auth.SecurityContextException if the message does not verify
   * @throws EncryptedMessageException if the lengths differ
   */
  public byte[] unseal(SecurityContext context) {
    return checkLength(context.unseal(sealed));
  }

  /**
   * Returns {@code plaintext} if its length is {@link #originalLength()}.
   *
   * @throws EncryptedMessageException otherwise
   */
  public byte[] checkLength(byte[] plaintext) {
    if (plaintext.length != originalLength) {
      throw new EncryptedMessageException(
          "the unsealed message has "
              + plaintext.length
              + " bytes, OriginalContent announced "
              + originalLength);
    }
    return plaintext;
  }

  /** The HTTP {@code Content-Type} of {@link #encode()}. */
  public String contentType() {
    return contentType(protocol);
  }

  /** {@code multipart/encrypted;protocol="<protocol>";boundary="Encrypted Boundary"}. */
  public static String contentType(String protocol) {
    return MEDIA_TYPE
        + ";protocol=\""
        + knownProtocol(protocol)
        + "\";boundary=\""
        + BOUNDARY
        + "\"";
  }

  /** Whether an HTTP {@code Content-Type} announces an encrypted body ({@code multipart/...}). */
  public static boolean isEncrypted(String contentType) {
    if (contentType == null) {
      return false;
    }
    String media = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
    return media.equals(MEDIA_TYPE) || media.equals("multipart/x-multi-encrypted");
  }

  /** The HTTP body. */
  public byte[] encode() {
    ByteArrayOutputStream out =
        new ByteArrayOutputStream(256 + sealed.header().length + sealed.data().length);
    out.writeBytes(
        ascii(
            "--"
                + BOUNDARY
                + "\r\n\tContent-Type: "
                + protocol
                + "\r\n\tOriginalContent: type="
                + SOAP
                + ";charset=UTF-8;Length="
                + originalLength
                + "\r\n--"
                + BOUNDARY
                + "\r\n\tContent-Type: "
                + OCTET_STREAM
                + "\r\n"));
    int n = sealed.header().length;
    out.write(n);
    out.write(n >>> 8);
    out.write(n >>> 16);
    out.write(n >>> 24);
    out.writeBytes(sealed.header());
    out.writeBytes(sealed.data());
    out.writeBytes(CLOSE);
    out.writeBytes(ascii("\r\n"));
    return out.toByteArray();
  }

  /**
   * Decodes an HTTP body.
   *
   * @param contentType the HTTP {@code Content-Type}
   * @param body the whole body (the caller caps its size)
   * @param maxOriginalLength the largest plaintext accepted (the maximum envelope size)
   * @throws EncryptedMessageException if the content type or the frame is not acceptable
   */
  public static EncryptedMessage decode(String contentType, byte[] body, int maxOriginalLength) {
    Objects.requireNonNull(body, "body");
    String protocol = protocolOf(contentType);
    Cursor c = new Cursor(body);
    c.skipBlank();
    c.expectDelimiter();
    // Part 1: Content-Type and OriginalContent, up to the next delimiter.
    String partType = null;
    long length = -1;
    while (!c.atDelimiter()) {
      String line = c.line();
      if (line.isEmpty()) {
        continue;
      }
      int colon = line.indexOf(':');
      if (colon < 0) {
        throw new EncryptedMessageException("a part header line has no colon");
      }
      String name = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
      String value = line.substring(colon + 1).strip();
      if (name.equals("content-type")) {
        partType = value;
      } else if (name.equals("originalcontent")) {
        length = originalLength(value, maxOriginalLength);
      }
    }
    if (partType == null || !partType.equalsIgnoreCase(protocol)) {
      throw new EncryptedMessageException(
          "the first part's Content-Type is not the protocol " + protocol);
    }
    if (length < 0) {
      throw new EncryptedMessageException("the first part has no OriginalContent");
    }
    c.expectDelimiter();
    // Part 2: exactly one header line, then the binary payload up to the closing delimiter.
    String line = c.line();
    int colon = line.indexOf(':');
    if (colon < 0
        || !line.substring(0, colon).strip().equalsIgnoreCase("content-type")
        || !line.substring(colon + 1).strip().toLowerCase(Locale.ROOT).startsWith(OCTET_STREAM)) {
      throw new EncryptedMessageException(
          "the second part does not start with Content-Type: " + OCTET_STREAM);
    }
    int end = body.length;
    while (end > c.pos && isBlank(body[end - 1])) {
      end--;
    }
    if (end - c.pos < CLOSE.length
        || !Arrays.equals(body, end - CLOSE.length, end, CLOSE, 0, CLOSE.length)) {
      throw new EncryptedMessageException("the body does not end with --" + BOUNDARY + "--");
    }
    end -= CLOSE.length;
    if (end - c.pos < 4) {
      throw new EncryptedMessageException("the encrypted part is shorter than its length field");
    }
    int p = c.pos;
    long headerLength =
        (body[p] & 0xffL)
            | (body[p + 1] & 0xffL) << 8
            | (body[p + 2] & 0xffL) << 16
            | (body[p + 3] & 0xffL) << 24;
    p += 4;
    if (headerLength == 0 || headerLength > MAX_HEADER_LENGTH || headerLength > end - p) {
      throw new EncryptedMessageException(
          "the signature length " + headerLength + " is out of bounds");
    }
    byte[] header = Arrays.copyOfRange(body, p, p + (int) headerLength);
    byte[] data = Arrays.copyOfRange(body, p + (int) headerLength, end);
    return new EncryptedMessage(protocol, new SealedMessage(header, data), (int) length);
  }

  /**
   * The protocol of an encrypted body's {@code Content-Type}, checked: {@code multipart/encrypted}
   * with a known protocol and the boundary {@value #BOUNDARY}.
   *
   * @throws EncryptedMessageException if it is anything else
   */
  public static String protocolOf(String contentType) {
    if (contentType == null) {
      throw new EncryptedMessageException("no Content-Type");
    }
    String[] params = contentType.split(";");
    String media = params[0].strip().toLowerCase(Locale.ROOT);
    if (media.equals("multipart/x-multi-encrypted")) {
      throw new EncryptedMessageException("multipart/x-multi-encrypted (CredSSP) is not supported");
    }
    if (!media.equals(MEDIA_TYPE)) {
      throw new EncryptedMessageException("the Content-Type is not " + MEDIA_TYPE);
    }
    String protocol = null;
    String boundary = null;
    for (int i = 1; i < params.length; i++) {
      String param = params[i];
      int eq = param.indexOf('=');
      if (eq < 0) {
        continue;
      }
      String name = param.substring(0, eq).strip().toLowerCase(Locale.ROOT);
      String value = unquote(param.substring(eq + 1).strip());
      if (name.equals("protocol")) {
        protocol = value;
      } else if (name.equals("boundary")) {
        boundary = value;
      }
    }
    if (!BOUNDARY.equals(boundary)) {
      throw new EncryptedMessageException("the boundary is not \"" + BOUNDARY + "\"");
    }
    if (protocol == null) {
      throw new EncryptedMessageException("the Content-Type names no protocol");
    }
    return knownProtocol(protocol);
  }

  private static String knownProtocol(String protocol) {
    if (protocol.equalsIgnoreCase(SPNEGO)) {
      return SPNEGO;
    }
    if (protocol.equalsIgnoreCase(KERBEROS)) {
      return KERBEROS;
    }
    String shown = protocol.length() > 80 ? protocol.substring(0, 80) + "…" : protocol;
    throw new EncryptedMessageException("unsupported encryption protocol " + printable(shown));
  }

  private static long originalLength(String value, int max) {
    String type = null;
    String charset = null;
    String length = null;
    for (String param : value.split(";")) {
      int eq = param.indexOf('=');
      if (eq < 0) {
        continue;
      }
      String name = param.substring(0, eq).strip().toLowerCase(Locale.ROOT);
      String v = unquote(param.substring(eq + 1).strip());
      switch (name) {
        case "type" -> type = v;
        case "charset" -> charset = v;
        case "length" -> length = v;
        default -> {
          // other parameters are ignored
        }
      }
    }
    if (type == null || !type.equalsIgnoreCase(SOAP)) {
      throw new EncryptedMessageException("OriginalContent is not of type " + SOAP);
    }
    if (charset != null
        && !charset.equalsIgnoreCase("UTF-8")
        && !charset.equalsIgnoreCase("UTF-16")
        && !charset.equalsIgnoreCase("UTF-16LE")
        && !charset.equalsIgnoreCase("UTF-16BE")) {
      throw new EncryptedMessageException("OriginalContent has an unsupported charset");
    }
    if (length == null || length.isEmpty() || length.length() > 10) {
      throw new EncryptedMessageException("OriginalContent has no valid Length");
    }
    long n = 0;
    for (int i = 0; i < length.length(); i++) {
      char ch = length.charAt(i);
      if (ch < '0' || ch > '9') {
        throw new EncryptedMessageException("OriginalContent has no valid Length");
      }
      n = n * 10 + (ch - '0');
    }
    if (n > max) {
      throw new EncryptedMessageException(
          "OriginalContent Length " + n + " exceeds the limit of " + max + " bytes");
    }
    return n;
  }

  private static String unquote(String v) {
    return v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")
        ? v.substring(1, v.length() - 1)
        : v;
  }

  private static String printable(String s) {
    StringBuilder b = new StringBuilder(s.length());
    s.codePoints().forEach(cp -> b.append(cp < 0x20 || cp == 0x7f ? '?' : (char) cp));
    return b.toString();
  }

  private static boolean isBlank(byte b) {
    return b == '\r' || b == '\n' || b == ' ' || b == '\t';
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  /** Never shows the sealed bytes. */
  @Override
  public String toString() {
    return "EncryptedMessage["
        + protocol
        + ", header="
        + sealed.header().length
        + " bytes, data="
        + sealed.data().length
        + " bytes, originalLength="
        + originalLength
        + "]";
  }

  /** A position in the body, moving over ASCII lines. */
  private static final class Cursor {
    final byte[] b;
    int pos;

    Cursor(byte[] b) {
      this.b = b;
    }

    void skipBlank() {
      while (pos < b.length && isBlank(b[pos])) {
        pos++;
      }
    }

    boolean atDelimiter() {
      int p = pos;
      while (p < b.length && (b[p] == ' ' || b[p] == '\t')) {
        p++;
      }
      return b.length - p >= DELIMITER.length
          && Arrays.equals(b, p, p + DELIMITER.length, DELIMITER, 0, DELIMITER.length);
    }

    /** A delimiter line {@code --Encrypted Boundary}, with its line end. */
    void expectDelimiter() {
      if (!atDelimiter()) {
        throw new EncryptedMessageException("expected --" + BOUNDARY + " at offset " + pos);
      }
      String rest = line().strip();
      if (!rest.equals("--" + BOUNDARY)) {
        throw new EncryptedMessageException("a malformed --" + BOUNDARY + " line");
      }
    }

    /** The next line, without its CRLF or LF; fails at the end of the body or past MAX_LINE. */
    String line() {
      int start = pos;
      int limit = Math.min(b.length, start + MAX_LINE);
      for (int p = start; p < limit; p++) {
        if (b[p] == '\n') {
          int end = p > start && b[p - 1] == '\r' ? p - 1 : p;
          pos = p + 1;
          return new String(b, start, end - start, StandardCharsets.ISO_8859_1);
        }
      }
      throw new EncryptedMessageException(
          limit == b.length && limit - start < MAX_LINE
              ? "the body ends inside the MIME headers"
              : "a MIME header line is longer than " + MAX_LINE + " bytes");
    }
  }
}
