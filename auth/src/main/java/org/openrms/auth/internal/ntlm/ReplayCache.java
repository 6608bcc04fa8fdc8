package org.openrms.auth.internal.ntlm;

import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The NTProofStr values of recently accepted AUTHENTICATE messages, each kept until its timestamp
 * leaves the acceptor's window (after which the message is refused as expired anyway), so that a
 * captured AUTHENTICATE is refused when presented again to a context with the same challenge.
 * Bounded: past {@code capacity} entries the oldest is dropped. Thread-safe.
 */
final class ReplayCache {
  /** The cache every acceptor in this JVM shares. */
  static final ReplayCache SHARED = new ReplayCache(100_000);

  private final int capacity;
  private final LinkedHashMap<String, Long> expiries = new LinkedHashMap<>();

  ReplayCache(int capacity) {
    this.capacity = capacity;
  }

  /**
   * Records {@code proof} until {@code expiresAtMillis}.
   *
   * @return false if it was already recorded and has not expired (a replay)
   */
  synchronized boolean firstUse(byte[] proof, long expiresAtMillis, long nowMillis) {
    // Entries arrive roughly in expiry order: purge from the oldest until one is still live.
    for (Iterator<Map.Entry<String, Long>> it = expiries.entrySet().iterator(); it.hasNext(); ) {
      if (it.next().getValue() >= nowMillis) {
        break;
      }
      it.remove();
    }
    String key = Base64.getEncoder().encodeToString(proof);
    Long seen = expiries.get(key);
    if (seen != null && seen >= nowMillis) {
      return false;
    }
    if (expiries.size() >= capacity) {
      Iterator<String> oldest = expiries.keySet().iterator();
      oldest.next();
      oldest.remove();
    }
    expiries.put(key, expiresAtMillis);
    return true;
  }
}
