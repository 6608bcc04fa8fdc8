package org.openrms.wsman.client;

import java.util.Collection;
import java.util.Optional;
import java.util.Set;
import org.openrms.core.BitFlag;

/**
 * The {@code __WSManSessionFlags} of {@link WSMan#createSession}, with their Windows values. The
 * {@code Use*} flags pick the authentication mechanism ({@link #authMechanism()}); the others set
 * the encoding, TLS checks and credential handling of the session.
 */
public enum SessionFlag implements BitFlag {
  /** {@code WSManFlagUTF8}: requests and responses are UTF-8 (the default). */
  UTF8(0x1, null),
  /** {@code WSManFlagCredUsernamePassword}: use the user name and password of the options. */
  CRED_USERNAME_PASSWORD(0x1000, null),
  /** {@code WSManFlagSkipCACheck}: do not require the server certificate to chain to a CA. */
  SKIP_CA_CHECK(0x2000, null),
  /** {@code WSManFlagSkipCNCheck}: do not require the certificate name to match the address. */
  SKIP_CN_CHECK(0x4000, null),
  /** {@code WSManFlagUseNoAuthentication}. */
  USE_NO_AUTHENTICATION(0x8000, AuthMechanism.NONE),
  /** {@code WSManFlagUseDigest}. */
  USE_DIGEST(0x10000, AuthMechanism.DIGEST),
  /** {@code WSManFlagUseNegotiate}. */
  USE_NEGOTIATE(0x20000, AuthMechanism.NEGOTIATE),
  /** {@code WSManFlagUseBasic}. */
  USE_BASIC(0x40000, AuthMechanism.BASIC),
  /** {@code WSManFlagUseKerberos}. */
  USE_KERBEROS(0x80000, AuthMechanism.KERBEROS),
  /** {@code WSManFlagNoEncryption}: no HTTP message encryption over plain HTTP. */
  NO_ENCRYPTION(0x100000, null),
  /** {@code WSManFlagEnableSPNServerPort}: the Kerberos SPN carries the port. */
  ENABLE_SPN_SERVER_PORT(0x400000, null),
  /** {@code WSManFlagUTF16}: requests and responses are UTF-16. */
  UTF16(0x800000, null),
  /** {@code WSManFlagUseCredSsp}. */
  USE_CRED_SSP(0x1000000, AuthMechanism.CREDSSP),
  /** {@code WSManFlagSkipRevocationCheck}: do not check the server certificate's revocation. */
  SKIP_REVOCATION_CHECK(0x2000000, null),
  /** {@code WSManFlagAllowNegotiateImplicitCredentials}: Negotiate may use the logged-on user. */
  ALLOW_NEGOTIATE_IMPLICIT_CREDENTIALS(0x4000000, null),
  /** {@code WSManFlagUseSsl}: HTTPS when the connection string names no transport. */
  USE_SSL(0x8000000, null);

  private final int bit;
  private final AuthMechanism authMechanism;

  SessionFlag(int bit, AuthMechanism authMechanism) {
    this.bit = bit;
    this.authMechanism = authMechanism;
  }

  /** The Windows value of this flag. */
  @Override
  public int bit() {
    return bit;
  }

  /** The mechanism this flag asks for, if it is one of the {@code Use*} authentication flags. */
  public Optional<AuthMechanism> authMechanism() {
    return Optional.ofNullable(authMechanism);
  }

  /** The bit mask of a set of flags ({@code 0} for an empty set). */
  public static int bits(Collection<SessionFlag> flags) {
    return BitFlag.bits(flags);
  }

  /**
   * The flags of a bit mask, as a script passes them.
   *
   * @throws IllegalArgumentException naming the bits that are no {@code __WSManSessionFlags} value
   */
  public static Set<SessionFlag> fromBits(int bits) {
    BitFlag.Decoded<SessionFlag> decoded = BitFlag.decode(SessionFlag.class, bits);
    Set<SessionFlag> out = decoded.flags();
    int rest = decoded.unknownBits();
    if (rest != 0) {
      throw new IllegalArgumentException(
          String.format(
              "unknown session flag bits 0x%x in 0x%x (not a __WSManSessionFlags value)",
              rest, bits));
    }
    return out;
  }
}
