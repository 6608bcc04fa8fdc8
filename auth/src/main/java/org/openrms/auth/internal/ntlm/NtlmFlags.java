package org.openrms.auth.internal.ntlm;

/** NegotiateFlags bits (MS-NLMP 2.2.2.5) this implementation sets or checks. */
final class NtlmFlags {
  static final int UNICODE = 0x00000001;
  static final int OEM = 0x00000002;
  static final int REQUEST_TARGET = 0x00000004;
  static final int SIGN = 0x00000010;
  static final int SEAL = 0x00000020;
  static final int LM_KEY = 0x00000080;
  static final int NTLM = 0x00000200;
  static final int ANONYMOUS = 0x00000800;
  static final int ALWAYS_SIGN = 0x00008000;
  static final int TARGET_TYPE_SERVER = 0x00020000;
  static final int EXTENDED_SESSIONSECURITY = 0x00080000;
  static final int TARGET_INFO = 0x00800000;
  static final int VERSION = 0x02000000;
  static final int NEGOTIATE_128 = 0x20000000;
  static final int KEY_EXCH = 0x40000000;
  static final int NEGOTIATE_56 = 0x80000000;

  /**
   * What both sides require: Unicode, NTLMv2 with extended session security, 128-bit keys, signing
   * and sealing. Key exchange is used when both ask for it.
   */
  static final int REQUIRED = UNICODE | EXTENDED_SESSIONSECURITY | NEGOTIATE_128 | SIGN | SEAL;

  /** What the initiator asks for in NEGOTIATE. */
  static final int INITIATOR =
      REQUIRED
          | REQUEST_TARGET
          | NTLM
          | ALWAYS_SIGN
          | TARGET_INFO
          | VERSION
          | KEY_EXCH
          | NEGOTIATE_56;

  /** What the acceptor is willing to grant (intersected with the client's request). */
  static final int ACCEPTOR = INITIATOR;

  private NtlmFlags() {}

  static boolean has(int flags, int bits) {
    return (flags & bits) == bits;
  }
}
