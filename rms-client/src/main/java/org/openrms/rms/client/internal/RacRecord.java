package org.openrms.rms.client.internal;

import java.time.Instant;

/**
 * One rights account certificate in the license store, as stored in {@code
 * rac/GIC-<email>-<lid>.json}.
 *
 * @param lid the license ID (a random UUID chosen by the client)
 * @param email the rfc822Name of the RAC
 * @param groupIdType {@code WINDOWS_AUTH} or {@code PASSPORT}, from the RAC
 * @param racType {@code STANDARD} or {@code TEMPORARY}, from the RAC
 * @param notBefore start of validity, epoch milliseconds
 * @param notAfter end of validity, epoch milliseconds
 * @param storedAt when the client stored it, epoch milliseconds (orders enumeration)
 * @param machineKeyId SHA-256 hex of the machine public key the private key is sealed to
 * @param chain PEM chain RAC, SLC, root, as the server sent it
 * @param sealedKey the RAC private key, still sealed (JWE compact) to the machine key
 */
public record RacRecord(
    String lid,
    String email,
    String groupIdType,
    String racType,
    long notBefore,
    long notAfter,
    long storedAt,
    String machineKeyId,
    String chain,
    String sealedKey) {

  /** Whether the RAC is valid at the instant. */
  public boolean isValidAt(Instant now) {
    long t = now.toEpochMilli();
    return notBefore <= t && t <= notAfter;
  }

  /** Checks that every field is present. */
  void requireComplete() {
    if (lid == null
        || email == null
        || groupIdType == null
        || racType == null
        || machineKeyId == null
        || chain == null
        || sealedKey == null) {
      throw new IllegalArgumentException("a field is missing");
    }
  }
}
