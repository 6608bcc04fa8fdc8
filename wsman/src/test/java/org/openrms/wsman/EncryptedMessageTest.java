package org.openrms.wsman;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openrms.auth.Ntlm;
import org.openrms.auth.NtlmAccountStore;
import org.openrms.auth.NtlmCredentials;
import org.openrms.auth.NtlmOptions;
import org.openrms.auth.SealedMessage;
import org.openrms.auth.SecurityContext;
import org.openrms.auth.SecurityContextException;

/** The MS-WSMV 2.2.9.1 frame: exact bytes out, tolerant parsing in, hostile input refused. */
class EncryptedMessageTest {
  private static final String CT =
      "multipart/encrypted;protocol=\"application/HTTP-SPNEGO-session-encrypted\";"
          + "boundary=\"Encrypted Boundary\"";
  private static final byte[] SIG = fill(16, 0x11);
  private static final byte[] DATA =
      "sealed-bytes-with--Encrypted Boundary--inside".getBytes(StandardCharsets.US_ASCII);
  private static final int MAX = 512_000;

  private static byte[] fill(int n, int v) {
    byte[] b = new byte[n];
    Arrays.fill(b, (byte) v);
    return b;
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }

  /** What pywinrm 0.3.0 (encryption.py) and winrm4j 0.12.3 (NtlmEncryptionUtils) send. */
  static byte[] pywinrmBody(byte[] sig, byte[] data, int length, String protocol) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(
        ascii(
            "--Encrypted Boundary\r\n\tContent-Type: "
                + protocol
                + "\r\n\tOriginalContent: type=application/soap+xml;charset=UTF-8;Length="
                + length
                + "\r\n--Encrypted Boundary\r\n\tContent-Type: application/octet-stream\r\n"));
    out.writeBytes(new byte[] {(byte) sig.length, 0, 0, 0});
    out.writeBytes(sig);
    out.writeBytes(data);
    out.writeBytes(ascii("--Encrypted Boundary--\r\n"));
    return out.toByteArray();
  }

  @Test
  void encodesExactlyWhatPywinrmAndWinrm4jSend() {
    EncryptedMessage m =
        new EncryptedMessage(EncryptedMessage.SPNEGO, new SealedMessage(SIG, DATA), DATA.length);
    assertThat(m.encode()).isEqualTo(pywinrmBody(SIG, DATA, DATA.length, EncryptedMessage.SPNEGO));
    assertThat(m.contentType()).isEqualTo(CT);
    assertThat(EncryptedMessage.contentType(EncryptedMessage.KERBEROS))
        .isEqualTo(
            "multipart/encrypted;protocol=\"application/HTTP-Kerberos-session-encrypted\";"
                + "boundary=\"Encrypted Boundary\"");
    assertThat(m.toString()).doesNotContain("sealed-bytes");
  }

  @Test
  void decodesWhatItEncodes() {
    byte[] sig = fill(60, 0x3c);
    EncryptedMessage m =
        new EncryptedMessage(EncryptedMessage.KERBEROS, new SealedMessage(sig, DATA), DATA.length);
    EncryptedMessage back = EncryptedMessage.decode(m.contentType(), m.encode(), MAX);
    assertThat(back.protocol()).isEqualTo(EncryptedMessage.KERBEROS);
    assertThat(back.sealed().header()).isEqualTo(sig);
    assertThat(back.sealed().data()).isEqualTo(DATA);
    assertThat(back.originalLength()).isEqualTo(DATA.length);
  }

  @Test
  void toleratesNoTabsBareLfCaseAndSpacesAndTrailingBlanks() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(
        ascii(
            "\r\n--Encrypted Boundary\n"
                + "content-type: Application/HTTP-SPNEGO-Session-Encrypted\n"
                + "  ORIGINALCONTENT: type=application/soap+xml; charset=utf-8; length=7\n"
                + "--Encrypted Boundary \r\n"
                + " CONTENT-TYPE:application/octet-stream\n"));
    out.writeBytes(new byte[] {16, 0, 0, 0});
    out.writeBytes(SIG);
    out.writeBytes(ascii("abcdefg--Encrypted Boundary--\r\n\r\n "));
    EncryptedMessage m =
        EncryptedMessage.decode(
            "Multipart/Encrypted; protocol=application/HTTP-SPNEGO-session-encrypted;"
                + " boundary=\"Encrypted Boundary\"",
            out.toByteArray(),
            MAX);
    assertThat(m.protocol()).isEqualTo(EncryptedMessage.SPNEGO);
    assertThat(m.sealed().data()).isEqualTo(ascii("abcdefg"));
    assertThat(m.originalLength()).isEqualTo(7);
  }

  @Test
  void acceptsABodyWithoutTheFinalLineBreak() {
    byte[] body = pywinrmBody(SIG, DATA, DATA.length, EncryptedMessage.SPNEGO);
    EncryptedMessage m = EncryptedMessage.decode(CT, Arrays.copyOf(body, body.length - 2), MAX);
    assertThat(m.sealed().data()).isEqualTo(DATA);
  }

  @Test
  void sealsAndUnsealsWithRealNtlmContextsAndChecksTheLength() {
    char[] pw = "Pass-1".toCharArray();
    SecurityContext server =
        Ntlm.acceptor(
            NtlmAccountStore.of(Map.of("alice", Ntlm.ntHash(pw))),
            NtlmOptions.builder().computerName("HOST").build());
    SecurityContext client;
    try (NtlmCredentials c = NtlmCredentials.parse("alice", pw)) {
      client = Ntlm.initiator(c, NtlmOptions.defaults());
    }
    server.step(client.step(server.step(client.step(null))));
    byte[] soap = "<s:Envelope/>".getBytes(StandardCharsets.UTF_8);
    EncryptedMessage out = EncryptedMessage.seal(client, EncryptedMessage.SPNEGO, soap);
    byte[] wire = out.encode();
    assertThat(EncryptedMessage.decode(out.contentType(), wire, MAX).unseal(server))
        .isEqualTo(soap);

    // A lying OriginalContent length: the signature verifies, the length check refuses.
    EncryptedMessage lying =
        new EncryptedMessage(EncryptedMessage.SPNEGO, client.seal(soap), soap.length + 1);
    assertThatThrownBy(() -> lying.unseal(server))
        .isInstanceOf(EncryptedMessageException.class)
        .hasMessageContaining("announced");

    // A flipped data byte does not verify.
    EncryptedMessage next = EncryptedMessage.seal(client, EncryptedMessage.SPNEGO, soap);
    byte[] bad = next.encode();
    bad[bad.length - "--Encrypted Boundary--\r\n".length() - 1] ^= 1;
    EncryptedMessage tampered = EncryptedMessage.decode(CT, bad, MAX);
    assertThatThrownBy(() -> tampered.unseal(server)).isInstanceOf(SecurityContextException.class);
  }

  private static void refused(String contentType, byte[] body, String message) {
    assertThatThrownBy(() -> EncryptedMessage.decode(contentType, body, MAX))
        .isInstanceOf(EncryptedMessageException.class)
        .hasMessageContaining(message);
  }

  @Test
  void refusesWrongContentTypes() {
    byte[] body = pywinrmBody(SIG, DATA, DATA.length, EncryptedMessage.SPNEGO);
    refused(null, body, "no Content-Type");
    refused("application/soap+xml;charset=UTF-8", body, "not multipart/encrypted");
    refused(
        "multipart/x-multi-encrypted;protocol=\"application/HTTP-CredSSP-session-encrypted\";"
            + "boundary=\"Encrypted Boundary\"",
        body,
        "CredSSP");
    refused(
        "multipart/encrypted;protocol=\"application/HTTP-CredSSP-session-encrypted\";"
            + "boundary=\"Encrypted Boundary\"",
        body,
        "unsupported encryption protocol");
    refused("multipart/encrypted;boundary=\"Encrypted Boundary\"", body, "no protocol");
    refused(
        "multipart/encrypted;protocol=\"application/HTTP-SPNEGO-session-encrypted\";boundary=x",
        body,
        "boundary");
    // the first part must name the same protocol as the HTTP header
    refused(
        CT.replace("SPNEGO", "Kerberos"),
        body,
        "not the protocol application/HTTP-Kerberos-session-encrypted");
  }

  @Test
  void refusesHostileLengths() {
    byte[] body = pywinrmBody(SIG, DATA, DATA.length, EncryptedMessage.SPNEGO);
    int at = indexOf(body, new byte[] {16, 0, 0, 0});
    for (byte[] len :
        new byte[][] {
          {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff},
          {0, 0, 0, (byte) 0x80},
          {0, 0, 0, 0},
          {1, 4, 0, 0},
          {(byte) 200, 0, 0, 0}
        }) {
      byte[] b = body.clone();
      System.arraycopy(len, 0, b, at, 4);
      refused(CT, b, "signature length");
    }
    refused(CT, pywinrmBody(SIG, DATA, 600_000, EncryptedMessage.SPNEGO), "exceeds the limit");
    byte[] huge =
        ascii(
            new String(
                    pywinrmBody(SIG, DATA, 1, EncryptedMessage.SPNEGO), StandardCharsets.ISO_8859_1)
                .replace("Length=1", "Length=99999999999999999999"));
    refused(CT, huge, "no valid Length");
    byte[] negative =
        ascii(
            new String(
                    pywinrmBody(SIG, DATA, 1, EncryptedMessage.SPNEGO), StandardCharsets.ISO_8859_1)
                .replace("Length=1", "Length=-1"));
    refused(CT, negative, "no valid Length");
  }

  @Test
  void refusesMalformedFrames() {
    byte[] body = pywinrmBody(SIG, DATA, DATA.length, EncryptedMessage.SPNEGO);
    String s = new String(body, StandardCharsets.ISO_8859_1);
    refused(CT, new byte[0], "expected --Encrypted Boundary");
    refused(CT, ascii("<s:Envelope/>"), "expected --Encrypted Boundary");
    refused(CT, Arrays.copyOf(body, 30), "ends inside the MIME headers");
    refused(CT, Arrays.copyOf(body, body.length - 5), "does not end with");
    refused(CT, ascii(s.replace("\tOriginalContent", "\tOriginal")), "no OriginalContent");
    refused(CT, ascii(s.replace("type=application/soap+xml", "type=text/plain")), "of type");
    refused(CT, ascii(s.replace("charset=UTF-8", "charset=EBCDIC")), "charset");
    refused(CT, ascii(s.replace("application/octet-stream", "text/plain")), "octet-stream");
    refused(CT, ascii(s.replace("\tOriginalContent:", "\tOriginalContent")), "no colon");
    refused(CT, ascii("--Encrypted Boundary\r\n" + "x".repeat(5000)), "longer than");
    refused(CT, ascii("--Encrypted Boundaryx\r\n"), "malformed");
    byte[] shortPayload =
        ascii(s.substring(0, s.indexOf("octet-stream\r\n") + 14) + "\u0010--Encrypted Boundary--");
    refused(CT, shortPayload, "shorter than its length field");
  }

  private static int indexOf(byte[] hay, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= hay.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (hay[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    throw new AssertionError("not found");
  }

  @Test
  void recognisesEncryptedContentTypes() {
    assertThat(EncryptedMessage.isEncrypted(CT)).isTrue();
    assertThat(EncryptedMessage.isEncrypted(" Multipart/Encrypted ;x")).isTrue();
    assertThat(EncryptedMessage.isEncrypted("application/soap+xml;charset=UTF-8")).isFalse();
    assertThat(EncryptedMessage.isEncrypted(null)).isFalse();
  }

  @Test
  void constructorChecksItsFields() {
    assertThatThrownBy(() -> new EncryptedMessage("x", new SealedMessage(SIG, DATA), DATA.length))
        .isInstanceOf(EncryptedMessageException.class);
    assertThatThrownBy(
            () ->
                new EncryptedMessage(
                    EncryptedMessage.SPNEGO, new SealedMessage(new byte[0], DATA), 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> new EncryptedMessage(EncryptedMessage.SPNEGO, new SealedMessage(SIG, DATA), -1))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
