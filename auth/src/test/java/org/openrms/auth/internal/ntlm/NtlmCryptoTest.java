package org.openrms.auth.internal.ntlm;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.openrms.auth.SealedMessage;

/**
 * Known-answer tests from MS-NLMP section 4.2 ("Cryptographic Values for Validation"): the common
 * values of 4.2.1 (user "User", domain "Domain", password "Password", server challenge
 * 0123456789abcdef, client challenge aa*8, random session key 55*16, time 0) and the NTLMv2 results
 * of 4.2.4.1 and 4.2.4.4.
 */
class NtlmCryptoTest {
  static final HexFormat HEX = HexFormat.of();
  static final byte[] SERVER_CHALLENGE = HEX.parseHex("0123456789abcdef");
  static final byte[] CLIENT_CHALLENGE = HEX.parseHex("aaaaaaaaaaaaaaaa");
  static final byte[] RANDOM_SESSION_KEY = HEX.parseHex("55555555555555555555555555555555");

  /** 4.2.4.1.3: AV pairs MsvAvNbDomainName "Domain", MsvAvNbComputerName "Server". */
  static final AvPairs SPEC_PAIRS =
      AvPairs.of(
          List.of(
              new AvPairs.Pair(AvPairs.NB_DOMAIN_NAME, Wire.utf16("Domain")),
              new AvPairs.Pair(AvPairs.NB_COMPUTER_NAME, Wire.utf16("Server"))));

  static byte[] hex(String s) {
    return HEX.parseHex(s.replace(" ", ""));
  }

  @Test
  void ntowfv1() {
    // 4.2.2.1.2
    assertThat(NtlmCrypto.ntHash("Password".toCharArray()))
        .isEqualTo(hex("a4f49c406510bdcab6824ee7c30fd852"));
  }

  @Test
  void ntowfv2() {
    // 4.2.4.1.1
    assertThat(responseKey()).isEqualTo(hex("0c868a403bfd7a93a3001ef22ef02e3f"));
  }

  @Test
  void ntlmv2ResponseAndTemp() {
    byte[] temp = new NtlmBlob(0, CLIENT_CHALLENGE, SPEC_PAIRS).encode();
    // 4.2.4.1.3: temp
    assertThat(temp)
        .isEqualTo(
            hex(
                "0101000000000000 0000000000000000 aaaaaaaaaaaaaaaa 00000000"
                    + " 02000c0044006f006d00610069006e00 01000c005300650072007600650072"
                    + "00 00000000 00000000"));
    byte[] response = NtlmCrypto.ntlmv2Response(responseKey(), SERVER_CHALLENGE, temp);
    // 4.2.4.2.2: NTProofStr, followed by temp
    assertThat(Arrays.copyOf(response, 16)).isEqualTo(hex("68cd0ab851e51c96aabc927bebef6a1c"));
    assertThat(Arrays.copyOfRange(response, 16, response.length)).isEqualTo(temp);

    NtlmBlob back = NtlmBlob.parse(temp);
    assertThat(back.timestamp()).isZero();
    assertThat(back.clientChallenge()).isEqualTo(CLIENT_CHALLENGE);
    assertThat(back.pairs().string(AvPairs.NB_COMPUTER_NAME)).contains("Server");
  }

  @Test
  void lmv2Response() {
    // 4.2.4.2.1
    assertThat(NtlmCrypto.lmv2Response(responseKey(), SERVER_CHALLENGE, CLIENT_CHALLENGE))
        .isEqualTo(hex("86c35097ac9cec102554764a57cccc19 aaaaaaaaaaaaaaaa"));
  }

  @Test
  void sessionBaseKeyAndEncryptedSessionKey() {
    byte[] proof = hex("68cd0ab851e51c96aabc927bebef6a1c");
    byte[] kxKey = NtlmCrypto.sessionBaseKey(responseKey(), proof);
    // 4.2.4.1.2 session base key (= KXKEY for NTLMv2)
    assertThat(kxKey).isEqualTo(hex("8de40ccadbc14a82f15cb0ad0de95ca3"));
    // 4.2.4.2.3 encrypted session key
    byte[] encrypted = NtlmCrypto.rc4k(kxKey, RANDOM_SESSION_KEY);
    assertThat(encrypted).isEqualTo(hex("c5dad2544fc9799094ce1ce90bc9d03e"));
    assertThat(NtlmCrypto.rc4k(kxKey, encrypted)).isEqualTo(RANDOM_SESSION_KEY);
  }

  @Test
  void sealAndSignKeys() {
    // 4.2.4.1.4/4.2.4.1.5 and the server-to-client counterparts
    assertThat(NtlmCrypto.sealKey(RANDOM_SESSION_KEY, true))
        .isEqualTo(hex("59f600973cc4960a25480a7c196e4c58"));
    assertThat(NtlmCrypto.sealKey(RANDOM_SESSION_KEY, false))
        .isEqualTo(hex("9355f3a957c1583d25c4c2f11e40390e"));
    assertThat(NtlmCrypto.signKey(RANDOM_SESSION_KEY, true))
        .isEqualTo(hex("4788dc861b4782f35d43fd98fe1a2d39"));
    assertThat(NtlmCrypto.signKey(RANDOM_SESSION_KEY, false))
        .isEqualTo(hex("d04d6f10741041d1d246d64188d7a8ad"));
  }

  @Test
  void sealedPlaintextAndSignature() {
    // 4.2.4.4: GSS_WrapEx of "Plaintext" (UTF-16LE), sequence number 0, key exchange
    byte[] plaintext = "Plaintext".getBytes(StandardCharsets.UTF_16LE);
    NtlmSessionSecurity client = new NtlmSessionSecurity(RANDOM_SESSION_KEY, true, true);
    SealedMessage sealed = client.seal(plaintext);
    assertThat(sealed.data()).isEqualTo(hex("54e50165bf1936dc996020c1811b0f06fb5f"));
    assertThat(sealed.header()).isEqualTo(hex("010000007fb38ec5c55d497600000000"));

    NtlmSessionSecurity server = new NtlmSessionSecurity(RANDOM_SESSION_KEY, false, true);
    assertThat(server.unseal(sealed)).isEqualTo(plaintext);
  }

  @Test
  void sealedPlaintextWithoutKeyExchange() {
    // Same keys without NEGOTIATE_KEY_EXCH: the checksum is not RC4-encrypted.
    byte[] plaintext = "Plaintext".getBytes(StandardCharsets.UTF_16LE);
    SealedMessage sealed = new NtlmSessionSecurity(RANDOM_SESSION_KEY, true, false).seal(plaintext);
    assertThat(sealed.data()).isEqualTo(hex("54e50165bf1936dc996020c1811b0f06fb5f"));
    assertThat(sealed.header()).isEqualTo(hex("01000000703528 51f2564309 00000000"));
  }

  @Test
  void rc4AgreesWithTheJdk() throws Exception {
    byte[] key = hex("0102030405060708090a0b0c0d0e0f10");
    byte[] data = new byte[1000];
    Arrays.fill(data, (byte) 0x5a);
    Cipher jdk = Cipher.getInstance("ARCFOUR");
    jdk.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "ARCFOUR"));
    Rc4 ours = new Rc4(key);
    byte[] first = ours.apply(Arrays.copyOf(data, 300));
    byte[] second = ours.apply(Arrays.copyOfRange(data, 300, 1000));
    byte[] expected = jdk.doFinal(data);
    assertThat(first).isEqualTo(Arrays.copyOf(expected, 300));
    assertThat(second).isEqualTo(Arrays.copyOfRange(expected, 300, 1000));
  }

  @Test
  void hmacMd5MatchesRfc2202() {
    // RFC 2202 test case 2
    assertThat(
            NtlmCrypto.hmacMd5(
                "Jefe".getBytes(StandardCharsets.US_ASCII),
                "what do ya want ".getBytes(StandardCharsets.US_ASCII),
                "for nothing?".getBytes(StandardCharsets.US_ASCII)))
        .isEqualTo(hex("750c783e6ab0b503eaa86e310a5db738"));
  }

  private static byte[] responseKey() {
    return NtlmCrypto.ntowfv2(NtlmCrypto.ntHash("Password".toCharArray()), "User", "Domain");
  }
}
