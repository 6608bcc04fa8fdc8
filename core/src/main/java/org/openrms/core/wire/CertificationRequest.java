package org.openrms.core.wire;

/**
 * Body of {@code POST /rms/v1/certification} (user activation). The caller must authenticate; the
 * server takes the user's identity and e-mail only from authentication and its directory, never
 * from this body.
 *
 * @param machineCertificateChain PEM chain from machine activation (machine certificate first)
 * @param temporary {@code true} for a temporary RAC (default 15 minutes), {@code false} for a
 *     standard one (default 365 days)
 * @param groupIdType {@code "WINDOWS_AUTH"} or {@code "PASSPORT"} (see {@code GroupIdType})
 */
public record CertificationRequest(
    String machineCertificateChain, boolean temporary, String groupIdType) {}
