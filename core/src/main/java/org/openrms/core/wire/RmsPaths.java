package org.openrms.core.wire;

/** URL paths and media types of the rights server API. */
public final class RmsPaths {
  /** The versioned service root; {@code GET} answers {@link ServiceInfo}. */
  public static final String ROOT = "/rms/v1";

  /** {@code GET}: {@link ServiceLocations}. */
  public static final String SERVICE_LOCATIONS = ROOT + "/service-locations";

  /** {@code POST} {@link MachineActivationRequest}: {@link MachineActivationResponse}. */
  public static final String ACTIVATION = ROOT + "/activation";

  /** {@code POST} {@link CertificationRequest}: {@link CertificationResponse}. */
  public static final String CERTIFICATION = ROOT + "/certification";

  /** {@code GET}: the root CA certificate as PEM (public, for bootstrapping trust out of band). */
  public static final String ROOT_CA = ROOT + "/root-ca.pem";

  /** Media type of every request and success body. */
  public static final String JSON = "application/json";

  /** Media type of every error body (RFC 9457). */
  public static final String PROBLEM_JSON = "application/problem+json";

  private RmsPaths() {}
}
