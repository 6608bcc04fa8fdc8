package org.openrms.auth;

/** Authentication mechanisms with session security, by their GSS-API object identifiers. */
public enum Mechanism {
  /** NTLM (MS-NLMP), OID 1.3.6.1.4.1.311.2.2.10. */
  NTLM("1.3.6.1.4.1.311.2.2.10"),
  /** Kerberos V5 (RFC 4121), OID 1.2.840.113554.1.2.2. */
  KERBEROS("1.2.840.113554.1.2.2"),
  /** SPNEGO (RFC 4178) negotiating one of the others, OID 1.3.6.1.5.5.2. */
  SPNEGO("1.3.6.1.5.5.2");

  private final String oid;

  Mechanism(String oid) {
    this.oid = oid;
  }

  /** The dotted object identifier. */
  public String oid() {
    return oid;
  }
}
