package org.openrms.wsman.server.internal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * What unauthenticated clients may cost: a bound on concurrent password derivations (a caller that
 * finds none free within {@link #WAIT_MILLIS} is answered 503), and a per-address failure backoff
 * (after {@code maxFailures} failed derivations from one remote address within {@code period},
 * password checks from that address that miss the credential cache are refused without deriving for
 * {@code period}). Only the failing address is affected: another address, and credentials already
 * in the cache, still get through. Thread-safe.
 */
final class LoginThrottle {
  /** How long a request waits for a free derivation slot before the 503. */
  static final long WAIT_MILLIS = 500;

  /** Addresses tracked at most; beyond that, new addresses are not tracked until some expire. */
  static final int MAX_ADDRESSES = 10_000;

  private static final class Failures {
    int count;
    long windowStart;
    long blockedUntil;
    boolean blocked;
  }

  private final Semaphore slots;
  private final int maxFailures;
  private final long periodNanos;
  private final Map<String, Failures> byAddress = new ConcurrentHashMap<>();

  LoginThrottle(int concurrentDerivations, int maxFailures, long periodNanos) {
    this.slots = new Semaphore(concurrentDerivations);
    this.maxFailures = maxFailures;
    this.periodNanos = periodNanos;
  }

  /** Takes a derivation slot, waiting up to {@link #WAIT_MILLIS}; false when none came free. */
  boolean acquire() {
    try {
      return slots.tryAcquire(WAIT_MILLIS, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  void release() {
    slots.release();
  }

  /** Whether uncached password checks from {@code address} are refused now. */
  boolean blocked(String address) {
    if (maxFailures == 0) {
      return false;
    }
    Failures f = byAddress.get(address);
    if (f == null) {
      return false;
    }
    synchronized (f) {
      return f.blocked && System.nanoTime() - f.blockedUntil < 0;
    }
  }

  /** Records a failed derivation from {@code address}. */
  void failed(String address) {
    if (maxFailures == 0) {
      return;
    }
    long now = System.nanoTime();
    if (byAddress.size() >= MAX_ADDRESSES && !byAddress.containsKey(address)) {
      purge(now);
      if (byAddress.size() >= MAX_ADDRESSES) {
        return;
      }
    }
    Failures f = byAddress.computeIfAbsent(address, a -> new Failures());
    synchronized (f) {
      if (f.count == 0 || now - f.windowStart > periodNanos) {
        f.count = 0;
        f.windowStart = now;
      }
      if (++f.count >= maxFailures) {
        f.blocked = true;
        f.blockedUntil = now + periodNanos;
        f.count = 0;
      }
    }
  }

  /** A password from {@code address} was right: its failures are forgotten. */
  void succeeded(String address) {
    byAddress.remove(address);
  }

  private void purge(long now) {
    byAddress
        .values()
        .removeIf(
            f -> {
              synchronized (f) {
                return now - f.windowStart > periodNanos
                    && (!f.blocked || now - f.blockedUntil >= 0);
              }
            });
  }
}
