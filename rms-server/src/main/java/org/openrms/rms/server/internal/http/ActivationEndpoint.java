package org.openrms.rms.server.internal.http;

import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.regex.Pattern;
import org.openrms.core.EcP256;
import org.openrms.core.wire.MachineActivationRequest;
import org.openrms.core.wire.MachineActivationResponse;
import org.openrms.core.wire.RmsErrorCode;
import org.openrms.rms.server.DirectoryEntry;
import org.openrms.rms.server.RightsServerConfig;
import org.openrms.rms.server.internal.crypto.CertificateAuthority;
import org.openrms.rms.server.internal.db.CertificateStore;

/** {@code POST /rms/v1/activation}: issues a machine certificate for a proven EC P-256 key. */
public final class ActivationEndpoint {
  private static final Pattern FINGERPRINT = Pattern.compile("[0-9a-f]{64}");

  private final RightsServerConfig config;
  private final Authenticators authenticator;
  private final CertificateAuthority ca;
  private final CertificateStore certificates;

  /** The endpoint with its collaborators. */
  public ActivationEndpoint(
      RightsServerConfig config,
      Authenticators authenticator,
      CertificateAuthority ca,
      CertificateStore certificates) {
    this.config = config;
    this.authenticator = authenticator;
    this.ca = ca;
    this.certificates = certificates;
  }

  /** Handles one request. */
  public Reply handle(String authorization, boolean secure, byte[] body, Attempt attempt) {
    DirectoryEntry user = authenticator.authenticateEnabled(authorization, secure, attempt).entry();
    Decoded decoded = decode(body);
    MachineActivationRequest req = decoded.request();
    ECPublicKey key = decoded.key();
    String fingerprint = req.fingerprint();
    Instant now = config.clock().instant();
    Duration skew = Duration.between(Instant.ofEpochMilli(req.timestamp()), now).abs();
    if (skew.compareTo(config.requestClockTolerance()) > 0) {
      throw bad(
          "the timestamp differs from the server time by more than "
              + config.requestClockTolerance().toMinutes()
              + " minutes; check the client clock");
    }
    if (!proofVerifies(key, req, req.proof())) {
      throw bad("the proof of possession does not verify with the public key");
    }
    X509Certificate cert =
        ca.issueMachineCertificate(
            key,
            fingerprint,
            now,
            config.machineCertValidity(),
            config.certificateValidityTolerance());
    String serial = cert.getSerialNumber().toString(16);
    certificates.recordMachine(
        new CertificateStore.Issued(
            serial,
            "MACHINE",
            null,
            user.login(),
            fingerprint,
            null,
            null,
            now,
            cert.getNotBefore().toInstant(),
            cert.getNotAfter().toInstant()),
        EcP256.keyId(key),
        sanitizeHostName(req.hostName()));
    attempt.detail("machine certificate " + serial + " for " + fingerprint.substring(0, 16));
    return Reply.json(new MachineActivationResponse(ca.machineChainPem(cert)));
  }

  /** A well-formed activation body and its parsed public key. */
  record Decoded(MachineActivationRequest request, ECPublicKey key) {}

  /**
   * Decodes a request body and checks its form: JSON of the right shape, the required fields, the
   * fingerprint format and an EC P-256 public key. The timestamp and the proof need the clock and
   * the key, so {@link #handle} checks them.
   *
   * @throws ApiException 400 {@code BAD_REQUEST} if the body is not well-formed
   */
  static Decoded decode(byte[] body) {
    MachineActivationRequest req = RequestBodies.parse(body, MachineActivationRequest.class);
    String publicKeyB64 = RequestBodies.required(req.publicKey(), "publicKey");
    String fingerprint = RequestBodies.required(req.fingerprint(), "fingerprint");
    RequestBodies.required(req.proof(), "proof");
    if (!FINGERPRINT.matcher(fingerprint).matches()) {
      throw bad("the fingerprint must be 64 lowercase hexadecimal characters");
    }
    try {
      return new Decoded(req, EcP256.parsePublicKey(Base64.getDecoder().decode(publicKeyB64)));
    } catch (IllegalArgumentException e) {
      throw bad("the public key must be a base64 X.509 SubjectPublicKeyInfo of an EC P-256 key");
    }
  }

  private static boolean proofVerifies(ECPublicKey key, MachineActivationRequest req, String b64) {
    try {
      byte[] sig = Base64.getDecoder().decode(b64);
      Signature verifier = Signature.getInstance("SHA256withECDSA");
      verifier.initVerify(key);
      verifier.update(req.signedBytes());
      return verifier.verify(sig);
    } catch (IllegalArgumentException | GeneralSecurityException e) {
      return false;
    }
  }

  private static String sanitizeHostName(String host) {
    if (host == null) {
      return null;
    }
    String clean =
        host.codePoints()
            .filter(c -> !Character.isISOControl(c))
            .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
            .toString()
            .strip();
    return clean.length() > 255 ? clean.substring(0, 255) : clean;
  }

  private static ApiException bad(String detail) {
    return new ApiException(RmsErrorCode.BAD_REQUEST, detail);
  }
}
