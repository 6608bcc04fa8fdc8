package org.openrms.auth.internal.spnego;

import java.util.ArrayList;
import java.util.List;
import org.openrms.auth.SecurityContextException;

/**
 * SPNEGO (RFC 4178) tokens and the GSS-API InitialContextToken framing (RFC 2743 §3.1) that carries
 * the first one. Decoding failures are {@link SecurityContextException.Reason#MALFORMED}.
 */
public final class SpnegoTokens {
  /** SPNEGO, 1.3.6.1.5.5.2. */
  public static final String SPNEGO_OID = "1.3.6.1.5.5.2";

  /** Kerberos V5, 1.2.840.113554.1.2.2. */
  public static final String KRB5_OID = "1.2.840.113554.1.2.2";

  /** Microsoft's (historically mis-encoded) Kerberos OID, 1.2.840.48018.1.2.2. */
  public static final String MS_KRB5_OID = "1.2.840.48018.1.2.2";

  /** NTLMSSP, 1.3.6.1.4.1.311.2.2.10. */
  public static final String NTLM_OID = "1.3.6.1.4.1.311.2.2.10";

  /** negState accept-completed. */
  public static final int ACCEPT_COMPLETED = 0;

  /** negState accept-incomplete. */
  public static final int ACCEPT_INCOMPLETE = 1;

  /** negState reject. */
  public static final int REJECT = 2;

  /** negState request-mic. */
  public static final int REQUEST_MIC = 3;

  private static final int MAX_MECH_TYPES = 32;

  private SpnegoTokens() {}

  /**
   * A GSS-API InitialContextToken: {@code [APPLICATION 0] { thisMech OID, innerToken }}.
   *
   * @param mech the mechanism OID
   * @param inner the mechanism-specific rest of the token
   */
  public record GssToken(String mech, byte[] inner) {}

  /**
   * NegTokenInit (and the MS-SPNG NegTokenInit2 shape, whose negHints are skipped).
   *
   * @param mechTypes offered mechanisms, most preferred first
   * @param mechTypesDer the DER of the MechTypeList as received (what a mechListMIC covers)
   * @param mechToken the optimistic token for the first mechanism, or null
   * @param mechListMic the MIC over {@code mechTypesDer}, or null
   */
  public record NegTokenInit(
      List<String> mechTypes, byte[] mechTypesDer, byte[] mechToken, byte[] mechListMic) {
    /** Defensive copy of the list. */
    public NegTokenInit {
      mechTypes = List.copyOf(mechTypes);
    }
  }

  /**
   * NegTokenResp.
   *
   * @param negState the state, or -1 when absent
   * @param supportedMech the selected mechanism, or null
   * @param responseToken the mechanism token, or null
   * @param mechListMic the MIC, or null
   */
  public record NegTokenResp(
      int negState, String supportedMech, byte[] responseToken, byte[] mechListMic) {}

  /** Whether {@code token} starts like an InitialContextToken. */
  public static boolean isGssFramed(byte[] token) {
    return token.length > 2 && (token[0] & 0xff) == 0x60;
  }

  /** Parses the InitialContextToken framing. */
  public static GssToken readGssToken(byte[] token) {
    Der.Reader outer = new Der.Reader(token);
    Der.Reader app = outer.read(0x60, "InitialContextToken");
    outer.expectEnd("InitialContextToken");
    String mech = app.readOid("InitialContextToken thisMech");
    int from = app.position();
    byte[] inner = new byte[token.length - from];
    System.arraycopy(token, from, inner, 0, inner.length);
    return new GssToken(mech, inner);
  }

  /** Frames {@code inner} as an InitialContextToken for {@code mech}. */
  public static byte[] writeGssToken(String mech, byte[] inner) {
    return Der.tlv(0x60, Der.concat(Der.oid(mech), inner));
  }

  /** Parses a NegTokenInit from a full SPNEGO InitialContextToken. */
  public static NegTokenInit readInit(byte[] token) {
    GssToken gss = readGssToken(token);
    if (!SPNEGO_OID.equals(gss.mech())) {
      throw Der.malformed("InitialContextToken is not SPNEGO");
    }
    Der.Reader choice = new Der.Reader(gss.inner());
    Der.Reader init = choice.read(Der.context(0), "negTokenInit");
    choice.expectEnd("negTokenInit");
    Der.Reader seq = init.read(Der.SEQUENCE, "NegTokenInit");
    init.expectEnd("NegTokenInit");

    Der.Reader typesField = seq.read(Der.context(0), "mechTypes");
    byte[] typesDer = typesField.readEncoded(Der.SEQUENCE, "MechTypeList");
    typesField.expectEnd("mechTypes");
    Der.Reader types = new Der.Reader(typesDer).read(Der.SEQUENCE, "MechTypeList");
    List<String> mechs = new ArrayList<>();
    while (types.hasMore()) {
      if (mechs.size() == MAX_MECH_TYPES) {
        throw Der.malformed("MechTypeList: too many mechanisms");
      }
      mechs.add(types.readOid("MechType"));
    }
    if (mechs.isEmpty()) {
      throw Der.malformed("MechTypeList: empty");
    }
    if (seq.peekTag() == Der.context(1)) {
      Der.Reader flags = seq.read(Der.context(1), "reqFlags");
      flags.readBytes(Der.BIT_STRING, "ContextFlags");
      flags.expectEnd("reqFlags");
    }
    byte[] mechToken = null;
    if (seq.peekTag() == Der.context(2)) {
      mechToken = octets(seq, 2, "mechToken");
    }
    byte[] mic = null;
    if (seq.peekTag() == Der.context(3)) {
      Der.Reader f3 = seq.read(Der.context(3), "mechListMIC/negHints");
      if (f3.peekTag() == Der.SEQUENCE) { // NegTokenInit2 negHints: skipped
        f3.read(Der.SEQUENCE, "negHints");
        f3.expectEnd("negHints");
        if (seq.peekTag() == Der.context(4)) {
          mic = octets(seq, 4, "mechListMIC");
        }
      } else {
        mic = f3.readBytes(Der.OCTET_STRING, "mechListMIC");
        f3.expectEnd("mechListMIC");
      }
    }
    seq.expectEnd("NegTokenInit");
    return new NegTokenInit(mechs, typesDer, mechToken, mic);
  }

  /** Parses a NegTokenResp ({@code [1] NegTokenResp}, no InitialContextToken framing). */
  public static NegTokenResp readResp(byte[] token) {
    Der.Reader choice = new Der.Reader(token);
    Der.Reader resp = choice.read(Der.context(1), "negTokenResp");
    choice.expectEnd("negTokenResp");
    Der.Reader seq = resp.read(Der.SEQUENCE, "NegTokenResp");
    resp.expectEnd("NegTokenResp");
    int state = -1;
    if (seq.peekTag() == Der.context(0)) {
      Der.Reader f = seq.read(Der.context(0), "negState");
      state = f.readEnumerated("negState");
      f.expectEnd("negState");
      if (state < ACCEPT_COMPLETED || state > REQUEST_MIC) {
        throw Der.malformed("negState: unknown value");
      }
    }
    String mech = null;
    if (seq.peekTag() == Der.context(1)) {
      Der.Reader f = seq.read(Der.context(1), "supportedMech");
      mech = f.readOid("supportedMech");
      f.expectEnd("supportedMech");
    }
    byte[] response = null;
    if (seq.peekTag() == Der.context(2)) {
      response = octets(seq, 2, "responseToken");
    }
    byte[] mic = null;
    if (seq.peekTag() == Der.context(3)) {
      mic = octets(seq, 3, "mechListMIC");
    }
    seq.expectEnd("NegTokenResp");
    return new NegTokenResp(state, mech, response, mic);
  }

  /** Encodes a NegTokenInit inside an SPNEGO InitialContextToken. */
  public static byte[] writeInit(List<String> mechTypes, byte[] mechToken, byte[] mechListMic) {
    List<byte[]> fields = new ArrayList<>();
    fields.add(Der.tlv(Der.context(0), mechTypeList(mechTypes)));
    if (mechToken != null) {
      fields.add(Der.tlv(Der.context(2), Der.tlv(Der.OCTET_STRING, mechToken)));
    }
    if (mechListMic != null) {
      fields.add(Der.tlv(Der.context(3), Der.tlv(Der.OCTET_STRING, mechListMic)));
    }
    byte[] seq = Der.tlv(Der.SEQUENCE, Der.concat(fields.toArray(new byte[0][])));
    return writeGssToken(SPNEGO_OID, Der.tlv(Der.context(0), seq));
  }

  /** The DER of a MechTypeList (what a mechListMIC covers). */
  public static byte[] mechTypeList(List<String> mechTypes) {
    List<byte[]> oids = new ArrayList<>();
    for (String m : mechTypes) {
      oids.add(Der.oid(m));
    }
    return Der.tlv(Der.SEQUENCE, Der.concat(oids.toArray(new byte[0][])));
  }

  /** Encodes a NegTokenResp; absent fields are null (or -1 for the state). */
  public static byte[] writeResp(
      int negState, String supportedMech, byte[] responseToken, byte[] mechListMic) {
    List<byte[]> fields = new ArrayList<>();
    if (negState >= 0) {
      fields.add(Der.tlv(Der.context(0), Der.tlv(Der.ENUMERATED, new byte[] {(byte) negState})));
    }
    if (supportedMech != null) {
      fields.add(Der.tlv(Der.context(1), Der.oid(supportedMech)));
    }
    if (responseToken != null) {
      fields.add(Der.tlv(Der.context(2), Der.tlv(Der.OCTET_STRING, responseToken)));
    }
    if (mechListMic != null) {
      fields.add(Der.tlv(Der.context(3), Der.tlv(Der.OCTET_STRING, mechListMic)));
    }
    byte[] seq = Der.tlv(Der.SEQUENCE, Der.concat(fields.toArray(new byte[0][])));
    return Der.tlv(Der.context(1), seq);
  }

  private static byte[] octets(Der.Reader seq, int field, String what) {
    Der.Reader f = seq.read(Der.context(field), what);
    byte[] v = f.readBytes(Der.OCTET_STRING, what);
    f.expectEnd(what);
    return v;
  }
}
