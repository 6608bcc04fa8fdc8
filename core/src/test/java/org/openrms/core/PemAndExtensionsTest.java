package org.openrms.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class PemAndExtensionsTest {

  @Test
  void encodeThenDecodeRoundTripsBlocksOfOneLabel() {
    byte[] a = "first".getBytes(StandardCharsets.US_ASCII);
    byte[] b = new byte[200];
    for (int i = 0; i < b.length; i++) {
      b[i] = (byte) i;
    }
    String pem =
        Pem.encode("THING", a) + Pem.encode("OTHER", new byte[] {1}) + Pem.encode("THING", b);
    List<byte[]> things = Pem.decodeAll(pem, "THING");
    assertThat(things).hasSize(2);
    assertThat(things.get(0)).isEqualTo(a);
    assertThat(things.get(1)).isEqualTo(b);
    assertThat(pem.lines().mapToInt(String::length).max().orElseThrow()).isLessThanOrEqualTo(64);
  }

  @Test
  void decodeChainRejectsTextWithoutCertificatesAndGarbageCertificates() {
    assertThatThrownBy(() -> Pem.decodeChain("hello"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no CERTIFICATE block");
    assertThatThrownBy(() -> Pem.decodeChain(Pem.encode("CERTIFICATE", new byte[] {1, 2, 3})))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a valid X.509 certificate");
  }

  @Test
  void utf8ExtensionValuesRoundTripIncludingLongForms() {
    for (int len : new int[] {0, 5, 127, 128, 255, 256, 1000}) {
      String value = "x".repeat(len);
      byte[] inner = CertificateExtensions.derUtf8(value);
      byte[] wrapped = wrapInOctetString(inner);
      assertThat(CertificateExtensions.decodeWrappedUtf8(wrapped, "1.2")).isEqualTo(value);
    }
  }

  @Test
  void utf8ExtensionRejectsWrongTagsAndLengths() {
    assertThatThrownBy(
            () -> CertificateExtensions.decodeWrappedUtf8(new byte[] {4, 3, 0x13, 1, 'a'}, "9.9"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("9.9");
    assertThatThrownBy(
            () -> CertificateExtensions.decodeWrappedUtf8(new byte[] {4, 9, 0x0C, 1, 'a'}, "9.9"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("bad DER length");
  }

  private static byte[] wrapInOctetString(byte[] inner) {
    byte[] tmp =
        CertificateExtensions.derUtf8(new String(new char[inner.length]).replace('\0', 'a'));
    // same length encoding as a UTF8String of equal size; swap the tag and the contents
    tmp[0] = 0x04;
    System.arraycopy(inner, 0, tmp, tmp.length - inner.length, inner.length);
    return tmp;
  }
}
