package org.openrms.core.wire;

/**
 * Body of {@code POST /rms/v1/activation} (machine activation). The caller must authenticate.
 *
 * @param publicKey base64 (standard alphabet) of the X.509 SubjectPublicKeyInfo DER of the key pair
 *     the client generated (EC P-256)
 * @param fingerprint lowercase hex SHA-256 machine fingerprint (see {@code MachineFingerprint})
 * @param hostName the client's host name, informational only
 * @param timestamp client time in epoch milliseconds; the server refuses values outside its
 *     tolerance
 * @param proof base64 {@code SHA256withECDSA} signature by the new private key over {@link
 *     #signedBytes()}, proving possession
 */
public record MachineActivationRequest(
    String publicKey, String fingerprint, String hostName, long timestamp, String proof) {

  /** The exact bytes the proof signs: {@code publicKey + "\n" + fingerprint + "\n" + timestamp}. */
  public byte[] signedBytes() {
    return (publicKey + "\n" + fingerprint + "\n" + timestamp)
        .getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }
}
