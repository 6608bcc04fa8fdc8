package org.openrms.rms.server.internal.http;

import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.time.Duration;
import java.time.Instant;
import org.openrms.core.EcP256;
import org.openrms.core.wire.CertificationRequest;
import org.openrms.core.wire.CertificationResponse;
import org.openrms.core.wire.RmsErrorCode;
import org.openrms.rms.server.DirectoryEntry;
import org.openrms.rms.server.EmailAddresses;
import org.openrms.rms.server.RightsServerConfig;
import org.openrms.rms.server.internal.crypto.CertificateAuthority;
import org.openrms.rms.server.internal.crypto.MachineChainVerifier;
import org.openrms.rms.server.internal.crypto.PrivateKeySealer;
import org.openrms.rms.server.internal.db.CertificateStore;

/**
 * {@code POST /rms/v1/certification}: issues a rights account certificate (RAC) for the
 * authenticated user's directory e-mail, with a fresh key sealed to the machine certificate.
 *
 * <p>Checks, in order: authenticated (401), enabled (403 {@code REQUEST_DENIED}), has an e-mail
 * (403 {@code AD_ENTRY_NOT_FOUND}), valid e-mail (403 {@code INVALID_EMAIL}), verified (403 {@code
 * EMAIL_NOT_VERIFIED}), well-formed body (400), machine chain (409 {@code
 * NEEDS_MACHINE_ACTIVATION}).
 *
 * <p>The RAC's group-ID type is the one the authentication proves (an OpenID Connect token proves
 * {@code PASSPORT}; a request from it for {@code WINDOWS_AUTH} is 403 {@code REQUEST_DENIED}), or,
 * with Basic, the one the request names.
 */
public final class CertificationEndpoint {
  private final RightsServerConfig config;
  private final Authenticators authenticator;
  private final CertificateAuthority ca;
  private final MachineChainVerifier machineChains;
  private final CertificateStore certificates;
  private final SecureRandom random;

  /** The endpoint with its collaborators. */
  public CertificationEndpoint(
      RightsServerConfig config,
      Authenticators authenticator,
      CertificateAuthority ca,
      CertificateStore certificates,
      SecureRandom random) {
    this.config = config;
    this.authenticator = authenticator;
    this.ca = ca;
    this.machineChains = new MachineChainVerifier(ca.root());
    this.certificates = certificates;
    this.random = random;
  }

  /** Handles one request. */
  public Reply handle(String authorization, boolean secure, byte[] body, Attempt attempt) {
    Authentication auth = authenticator.authenticateEnabled(authorization, secure, attempt);
    DirectoryEntry user = auth.entry();
    String email = user.email();
    if (email == null || email.isBlank()) {
      throw new ApiException(
          RmsErrorCode.AD_ENTRY_NOT_FOUND, "the directory has no e-mail for the account");
    }
    if (!EmailAddresses.isValid(email)) {
      throw new ApiException(
          RmsErrorCode.INVALID_EMAIL, "the directory e-mail of the account is not a valid address");
    }
    if (!user.verified()) {
      throw new ApiException(
          RmsErrorCode.EMAIL_NOT_VERIFIED, "the e-mail of the account is not verified");
    }
    CertificationRequest req = decode(body);
    String groupIdType = req.groupIdType();
    if (auth.groupIdType() != null && !auth.groupIdType().equals(groupIdType)) {
      throw new ApiException(
          RmsErrorCode.REQUEST_DENIED,
          "the credentials prove a "
              + auth.groupIdType()
              + " identity; the request asks for "
              + groupIdType);
    }
    Instant now = config.clock().instant();
    MachineChainVerifier.VerifiedMachine machine;
    try {
      machine = machineChains.verify(req.machineCertificateChain(), now);
    } catch (IllegalArgumentException e) {
      throw new ApiException(RmsErrorCode.NEEDS_MACHINE_ACTIVATION, e.getMessage());
    }
    String racType = req.temporary() ? "TEMPORARY" : "STANDARD";
    Duration validity = req.temporary() ? config.temporaryRacValidity() : config.racValidity();
    KeyPair racKeys = EcP256.generate(random);
    X509Certificate rac =
        ca.issueRac(
            racKeys.getPublic(),
            user.displayName(),
            email,
            groupIdType + ";" + racType,
            now,
            validity,
            config.certificateValidityTolerance());
    String sealed =
        PrivateKeySealer.seal(
            racKeys.getPrivate(), (ECPublicKey) machine.certificate().getPublicKey());
    String serial = rac.getSerialNumber().toString(16);
    certificates.recordRac(
        new CertificateStore.Issued(
            serial,
            "RAC",
            email,
            user.login(),
            machine.fingerprint(),
            racType,
            groupIdType,
            now,
            rac.getNotBefore().toInstant(),
            rac.getNotAfter().toInstant()));
    attempt.detail(racType.toLowerCase(java.util.Locale.ROOT) + " RAC " + serial);
    return Reply.json(new CertificationResponse(ca.racChainPem(rac), sealed));
  }

  /**
   * Decodes a request body and checks its form: JSON of the right shape with a known {@code
   * groupIdType}. The machine chain is checked by {@link #handle} (409, not 400).
   *
   * @throws ApiException 400 {@code BAD_REQUEST} if the body is not well-formed
   */
  static CertificationRequest decode(byte[] body) {
    CertificationRequest req = RequestBodies.parse(body, CertificationRequest.class);
    String groupIdType = RequestBodies.required(req.groupIdType(), "groupIdType");
    if (!groupIdType.equals("WINDOWS_AUTH") && !groupIdType.equals("PASSPORT")) {
      throw new ApiException(
          RmsErrorCode.BAD_REQUEST, "groupIdType must be WINDOWS_AUTH or PASSPORT");
    }
    return req;
  }
}
