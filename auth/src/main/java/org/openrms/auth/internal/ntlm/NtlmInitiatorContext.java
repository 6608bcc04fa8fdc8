package org.openrms.auth.internal.ntlm;

import java.util.Arrays;
import org.openrms.auth.NtlmCredentials;
import org.openrms.auth.NtlmOptions;
import org.openrms.auth.SecurityContextException;
import org.openrms.auth.SecurityContextException.Reason;

/**
 * The client side of NTLMv2 (MS-NLMP 3.1.5): NEGOTIATE, then AUTHENTICATE in answer to the server's
 * CHALLENGE, with a MIC, key exchange when the server agrees, and the channel bindings and service
 * principal of the options in the client blob. Established once AUTHENTICATE is produced. NTLM does
 * not authenticate the server: {@link #peerName()} is the service principal of the options if set,
 * otherwise the name the server announced.
 */
public final class NtlmInitiatorContext extends NtlmContextBase {
  private final String user;
  private final String domain;
  private final NtlmOptions options;
  private byte[] ntHash;
  private byte[] negotiate;

  /**
   * A context for {@code credentials}; the NT hash is derived now, the password not kept.
   *
   * @param credentials the user's credentials (the caller still closes them)
   * @param options the options
   */
  public NtlmInitiatorContext(NtlmCredentials credentials, NtlmOptions options) {
    this.user = credentials.user();
    this.domain = credentials.domain();
    this.options = options;
    this.ntHash = NtlmCrypto.ntHash(credentials.password());
  }

  @Override
  byte[] doStep(byte[] peerToken) {
    if (negotiate == null) {
      if (peerToken != null) {
        throw new SecurityContextException(Reason.STATE, "the NTLM initiator speaks first");
      }
      negotiate = NtlmMessages.encodeNegotiate(NtlmFlags.INITIATOR);
      return negotiate.clone();
    }
    if (peerToken == null) {
      throw new SecurityContextException(Reason.STATE, "expected the server's NTLM CHALLENGE");
    }
    return authenticate(NtlmMessages.parseChallenge(peerToken));
  }

  private byte[] authenticate(NtlmMessages.Challenge challenge) {
    if (!NtlmFlags.has(challenge.flags(), NtlmFlags.REQUIRED)) {
      throw refused(
          "the server did not grant NTLMv2 with 128-bit extended session security,"
              + " signing and sealing");
    }
    int flags = challenge.flags() & NtlmFlags.INITIATOR;
    boolean keyExch = (flags & NtlmFlags.KEY_EXCH) != 0;
    AvPairs info = challenge.targetInfo();
    long now = fileTime(options.clock().millis());
    long timestamp = info.timestamp().orElse(now);
    byte[] clientChallenge = new byte[8];
    options.random().nextBytes(clientChallenge);

    AvPairs pairs =
        info.with(AvPairs.FLAGS, AvPairs.u32(info.flags() | AvPairs.FLAG_MIC))
            .with(
                AvPairs.CHANNEL_BINDINGS,
                options.channelBindings().map(ChannelBindings::hash).orElse(new byte[16]));
    if (options.servicePrincipal().isPresent()) {
      pairs = pairs.with(AvPairs.TARGET_NAME, Wire.utf16(options.servicePrincipal().get()));
    }
    byte[] temp = new NtlmBlob(timestamp, clientChallenge, pairs).encode();

    byte[] responseKey = NtlmCrypto.ntowfv2(ntHash, user, domain);
    byte[] kxKey = null;
    byte[] exported = null;
    try {
      byte[] ntResponse = NtlmCrypto.ntlmv2Response(responseKey, challenge.serverChallenge(), temp);
      byte[] lmResponse =
          info.timestamp().isPresent()
              ? new byte[24]
              : NtlmCrypto.lmv2Response(responseKey, challenge.serverChallenge(), clientChallenge);
      kxKey = NtlmCrypto.sessionBaseKey(responseKey, Arrays.copyOf(ntResponse, 16));
      byte[] encryptedKey = new byte[0];
      if (keyExch) {
        exported = new byte[16];
        options.random().nextBytes(exported);
        encryptedKey = NtlmCrypto.rc4k(kxKey, exported);
      } else {
        exported = kxKey.clone();
      }
      byte[] auth =
          NtlmMessages.encodeAuthenticate(
              flags, lmResponse, ntResponse, domain, user, options.workstation(), encryptedKey);
      NtlmMessages.putMic(auth, NtlmCrypto.mic(exported, negotiate, challenge.raw(), auth));
      established(new NtlmSessionSecurity(exported, true, keyExch), serverName(challenge));
      return auth;
    } finally {
      Arrays.fill(responseKey, (byte) 0);
      if (kxKey != null) {
        Arrays.fill(kxKey, (byte) 0);
      }
      if (exported != null) {
        Arrays.fill(exported, (byte) 0);
      }
      zeroSecrets();
    }
  }

  private String serverName(NtlmMessages.Challenge challenge) {
    return options
        .servicePrincipal()
        .or(() -> challenge.targetInfo().string(AvPairs.DNS_COMPUTER_NAME))
        .or(() -> challenge.targetInfo().string(AvPairs.NB_COMPUTER_NAME))
        .orElse(challenge.targetName());
  }

  @Override
  void zeroSecrets() {
    if (ntHash != null) {
      Arrays.fill(ntHash, (byte) 0);
      ntHash = null;
    }
  }

  /** Whether every secret is zeroed (after close); for tests. */
  boolean isZeroed() {
    return ntHash == null && sessionZeroed();
  }
}
