package org.openrms.auth.internal.ntlm;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.openrms.auth.NtlmAccountStore;
import org.openrms.auth.NtlmOptions;
import org.openrms.auth.SecurityContextException;
import org.openrms.auth.SecurityContextException.Reason;

/**
 * The server side of NTLMv2 for local accounts (MS-NLMP 3.2.5): answers NEGOTIATE with a CHALLENGE
 * (fresh server challenge, TargetInfo with the computer name and a timestamp), then validates the
 * AUTHENTICATE against the account's NT hash. It refuses anonymous logons, NTLMv1, domains other
 * than this computer's, missing or mismatched channel bindings when configured, a client timestamp
 * outside the skew window, a wrong MIC and a replayed AUTHENTICATE.
 */
public final class NtlmAcceptorContext extends NtlmContextBase {
  private static final byte[] DUMMY_HASH = new byte[16];

  private final NtlmAccountStore accounts;
  private final NtlmOptions options;
  private final ReplayCache replays;
  private byte[] negotiate;
  private byte[] challenge;
  private byte[] serverChallenge;

  /**
   * An acceptor checking users against {@code accounts}.
   *
   * @param accounts the local accounts
   * @param options the options
   */
  public NtlmAcceptorContext(NtlmAccountStore accounts, NtlmOptions options) {
    this(accounts, options, ReplayCache.SHARED);
  }

  NtlmAcceptorContext(NtlmAccountStore accounts, NtlmOptions options, ReplayCache replays) {
    this.accounts = accounts;
    this.options = options;
    this.replays = replays;
  }

  @Override
  byte[] doStep(byte[] peerToken) {
    if (peerToken == null) {
      throw new SecurityContextException(Reason.STATE, "the NTLM acceptor needs a client token");
    }
    return challenge == null ? challenge(peerToken) : accept(peerToken);
  }

  private byte[] challenge(byte[] token) {
    NtlmMessages.Negotiate n = NtlmMessages.parseNegotiate(token);
    // Unicode is not required here: ntlm-auth (pywinrm) asks for OEM only, and accepts Unicode.
    if (!NtlmFlags.has(n.flags(), NtlmFlags.REQUIRED & ~NtlmFlags.UNICODE)) {
      throw refused(
          "the client did not ask for NTLMv2 with 128-bit extended session security,"
              + " signing and sealing");
    }
    serverChallenge = new byte[8];
    options.random().nextBytes(serverChallenge);
    String name = options.computerName();
    List<AvPairs.Pair> info = new ArrayList<>();
    info.add(new AvPairs.Pair(AvPairs.NB_DOMAIN_NAME, Wire.utf16(name)));
    info.add(new AvPairs.Pair(AvPairs.NB_COMPUTER_NAME, Wire.utf16(name)));
    info.add(new AvPairs.Pair(AvPairs.DNS_DOMAIN_NAME, Wire.utf16(options.dnsComputerName())));
    info.add(new AvPairs.Pair(AvPairs.DNS_COMPUTER_NAME, Wire.utf16(options.dnsComputerName())));
    info.add(new AvPairs.Pair(AvPairs.TIMESTAMP, AvPairs.u64(fileTime(options.clock().millis()))));
    // Like Windows, echo OEM when asked (with Unicode, which wins): ntlm-auth expects it back.
    int flags =
        (n.flags() & (NtlmFlags.ACCEPTOR | NtlmFlags.OEM))
            | NtlmFlags.UNICODE
            | NtlmFlags.TARGET_TYPE_SERVER;
    negotiate = n.raw();
    challenge = NtlmMessages.encodeChallenge(flags, name, serverChallenge, AvPairs.of(info));
    return challenge.clone();
  }

  private byte[] accept(byte[] token) {
    NtlmMessages.Authenticate a = NtlmMessages.parseAuthenticate(token);
    if ((a.flags() & NtlmFlags.ANONYMOUS) != 0
        || a.user().isEmpty()
        || a.ntResponse().length == 0) {
      throw refused("anonymous NTLM logons are refused");
    }
    if (a.ntResponse().length <= 24) {
      throw refused("NTLMv1 responses are refused; NTLMv2 is required");
    }
    if (!NtlmFlags.has(a.flags(), NtlmFlags.REQUIRED)) {
      throw refused("the client dropped a required NTLM flag");
    }
    byte[] proof = Arrays.copyOf(a.ntResponse(), 16);
    byte[] temp = Arrays.copyOfRange(a.ntResponse(), 16, a.ntResponse().length);
    NtlmBlob blob = NtlmBlob.parse(temp);
    int avFlags = blob.pairs().flags();
    Optional<byte[]> clientBindings = blob.pairs().channelBindings();
    if ((avFlags & AvPairs.FLAG_MIC) != 0 && a.mic() == null) {
      throw Wire.malformed("MsvAvFlags announces a MIC the message has no room for");
    }
    boolean keyExch = (a.flags() & NtlmFlags.KEY_EXCH) != 0;
    if (keyExch && a.encryptedSessionKey().length != 16) {
      throw Wire.malformed("the encrypted session key must be 16 bytes");
    }

    Optional<String> accountName = localUser(a.user(), a.domain());
    Optional<NtlmAccountStore.Account> account = accountName.flatMap(accounts::find);
    byte[] ntHash = account.map(NtlmAccountStore.Account::ntHash).orElse(DUMMY_HASH);
    byte[] responseKey = NtlmCrypto.ntowfv2(ntHash, a.user(), a.domain());
    if (ntHash != DUMMY_HASH) {
      Arrays.fill(ntHash, (byte) 0);
    }
    byte[] kxKey = null;
    byte[] exported = null;
    try {
      byte[] expected = NtlmCrypto.hmacMd5(responseKey, serverChallenge, temp);
      if (!MessageDigest.isEqual(expected, proof) || account.isEmpty()) {
        throw new SecurityContextException(
            Reason.BAD_CREDENTIALS, "NTLM authentication failed: unknown user or bad password");
      }
      checkTimestamp(blob.timestamp());
      checkChannelBindings(clientBindings);
      kxKey = NtlmCrypto.sessionBaseKey(responseKey, proof);
      exported = keyExch ? NtlmCrypto.rc4k(kxKey, a.encryptedSessionKey()) : kxKey.clone();
      if ((avFlags & AvPairs.FLAG_MIC) != 0) {
        byte[] mic = NtlmCrypto.mic(exported, negotiate, challenge, a.withZeroMic());
        if (!MessageDigest.isEqual(mic, a.mic())) {
          throw new SecurityContextException(Reason.TAMPERED, "the NTLM MIC does not verify");
        }
      }
      long now = options.clock().millis();
      long expires =
          Math.max(now, epochMillis(blob.timestamp())) + options.maxClockSkew().toMillis();
      if (!replays.firstUse(proof, expires, now)) {
        throw new SecurityContextException(
            Reason.REPLAYED, "this NTLM AUTHENTICATE message was already used");
      }
      established(new NtlmSessionSecurity(exported, false, keyExch), account.get().name());
      return null;
    } finally {
      Arrays.fill(responseKey, (byte) 0);
      if (kxKey != null) {
        Arrays.fill(kxKey, (byte) 0);
      }
      if (exported != null) {
        Arrays.fill(exported, (byte) 0);
      }
    }
  }

  /**
   * The local account name for what the client sent: {@code user} with a domain that is empty,
   * {@code "."}, or this computer's NetBIOS or DNS name; a {@code user@domain} user name with an
   * empty domain is split likewise. Any other domain is not a local account.
   */
  private Optional<String> localUser(String user, String domain) {
    String name = user;
    String dom = domain;
    int at = user.lastIndexOf('@');
    if (domain.isEmpty() && at > 0) {
      name = user.substring(0, at);
      dom = user.substring(at + 1);
    }
    boolean local =
        dom.isEmpty()
            || dom.equals(".")
            || dom.equalsIgnoreCase(options.computerName())
            || dom.equalsIgnoreCase(options.dnsComputerName());
    return local && !name.isEmpty() ? Optional.of(name) : Optional.empty();
  }

  private void checkTimestamp(long fileTime) {
    long skew = options.maxClockSkew().toMillis();
    long diff = epochMillis(fileTime) - options.clock().millis();
    if (diff > skew || diff < -skew) {
      throw new SecurityContextException(
          Reason.EXPIRED, "the NTLM client timestamp is outside the allowed clock skew");
    }
  }

  private void checkChannelBindings(Optional<byte[]> client) {
    Optional<byte[]> ours = options.channelBindings().map(ChannelBindings::hash);
    boolean sent = client.isPresent() && !Arrays.equals(client.get(), new byte[16]);
    if (ours.isEmpty()) {
      return;
    }
    if (!sent) {
      if (options.requireChannelBindings()) {
        throw refused("the client sent no channel bindings, which are required");
      }
      return;
    }
    if (!MessageDigest.isEqual(ours.get(), client.get())) {
      throw new SecurityContextException(
          Reason.TAMPERED, "the NTLM channel bindings do not match this TLS channel");
    }
  }

  @Override
  void zeroSecrets() {
    if (serverChallenge != null) {
      Arrays.fill(serverChallenge, (byte) 0);
    }
  }

  /** Whether every secret is zeroed (after close); for tests. */
  boolean isZeroed() {
    return sessionZeroed();
  }
}
