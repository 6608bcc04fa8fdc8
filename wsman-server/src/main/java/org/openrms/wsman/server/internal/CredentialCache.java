package org.openrms.wsman.server.internal;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.openrms.wsman.server.LocalAccounts;

/**
 * Remembers verified Basic credentials for a short time, because WinRM clients send Basic on every
 * request and each check is a 210 000-round PBKDF2 derivation. The key of an entry is HMAC-SHA256,
 * under a random key made per process, of the login's length, the login and the password (never the
 * password itself); the value is the expiry and the {@link LocalAccounts} instance it was verified
 * against, so a changed account set never matches. Wrong passwords are never cached. At most
 * {@value #MAX_ENTRIES} entries; when full, expired entries go, then the oldest arbitrary one.
 */
final class CredentialCache {
  static final int MAX_ENTRIES = 1024;

  private record Entry(LocalAccounts accounts, long expires) {}

  private final SecretKeySpec key;
  private final long ttlNanos;
  private final Map<String, Entry> entries = new ConcurrentHashMap<>();
  private final AtomicLong derivations = new AtomicLong();

  CredentialCache(Duration ttl) {
    byte[] k = new byte[32];
    new SecureRandom().nextBytes(k);
    this.key = new SecretKeySpec(k, "HmacSHA256");
    Arrays.fill(k, (byte) 0);
    this.ttlNanos = ttl.toNanos();
  }

  /** Whether {@code password} is {@code login}'s password in {@code accounts}. */
  boolean verify(LocalAccounts accounts, String login, char[] password) {
    return cached(accounts, login, password) || derive(accounts, login, password);
  }

  /** Whether this password was verified for {@code accounts} within the TTL (no derivation). */
  boolean cached(LocalAccounts accounts, String login, char[] password) {
    if (ttlNanos == 0) {
      return false;
    }
    Entry e = entries.get(id(login, password));
    return e != null && e.accounts() == accounts && System.nanoTime() - e.expires() < 0;
  }

  /** Checks the password with one derivation, remembering it when right. */
  boolean derive(LocalAccounts accounts, String login, char[] password) {
    derivations.incrementAndGet();
    if (ttlNanos == 0) {
      return accounts.verify(login, password);
    }
    String id = id(login, password);
    long now = System.nanoTime();
    Entry e = entries.get(id);
    boolean ok = accounts.verify(login, password);
    if (ok) {
      if (entries.size() >= MAX_ENTRIES) {
        evict(now);
      }
      entries.put(id, new Entry(accounts, now + ttlNanos));
    } else if (e != null) {
      entries.remove(id, e);
    }
    return ok;
  }

  private void evict(long now) {
    entries.values().removeIf(v -> now - v.expires() >= 0);
    Iterator<String> it = entries.keySet().iterator();
    while (entries.size() >= MAX_ENTRIES && it.hasNext()) {
      it.next();
      it.remove();
    }
  }

  /** Forgets everything (the accounts changed). */
  void clear() {
    entries.clear();
  }

  /** Password derivations done (cache misses and wrong passwords). */
  long derivations() {
    return derivations.get();
  }

  int size() {
    return entries.size();
  }

  private String id(String login, char[] password) {
    byte[] l = login.getBytes(StandardCharsets.UTF_8);
    ByteBuffer p = StandardCharsets.UTF_8.encode(CharBuffer.wrap(password));
    byte[] pw = new byte[p.remaining()];
    p.get(pw);
    if (p.hasArray()) {
      Arrays.fill(p.array(), (byte) 0);
    }
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      mac.update(ByteBuffer.allocate(4).putInt(l.length).array());
      mac.update(l);
      mac.update(pw);
      return Base64.getEncoder().encodeToString(mac.doFinal());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is unavailable", e);
    } finally {
      Arrays.fill(pw, (byte) 0);
    }
  }
}
