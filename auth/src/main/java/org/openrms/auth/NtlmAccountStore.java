package org.openrms.auth;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Where an NTLM acceptor finds local accounts: the NT hash (NTOWFv1, {@code
 * MD4(UTF-16LE(password))}, see {@link Ntlm#ntHash(char[])}) from which NTOWFv2 is computed. An
 * implementation should match user names case-insensitively, as Windows does.
 */
@FunctionalInterface
public interface NtlmAccountStore {

  /**
   * Looks up a local account.
   *
   * @param user the user name the client sent, without domain (see {@link Ntlm#acceptor} for how
   *     {@code DOMAIN\\user} and {@code user@domain} are reduced to it)
   * @return the account, or empty if there is none (or it is disabled)
   */
  Optional<Account> find(String user);

  /**
   * A local account.
   *
   * @param name the canonical account name, which becomes the context's {@code peerName()}
   * @param ntHash the 16-byte NT hash; the acceptor zeroes this array after use, so return a copy
   */
  record Account(String name, byte[] ntHash) {
    /** Checks the hash length. */
    public Account {
      Objects.requireNonNull(name, "name");
      if (Objects.requireNonNull(ntHash, "ntHash").length != 16) {
        throw new IllegalArgumentException("an NT hash is 16 bytes");
      }
    }

    /** Never shows the hash. */
    @Override
    public String toString() {
      return "Account[" + name + "]";
    }
  }

  /**
   * A fixed in-memory store, matching names case-insensitively.
   *
   * @param ntHashes NT hashes by account name; copied
   * @return the store
   */
  static NtlmAccountStore of(Map<String, byte[]> ntHashes) {
    TreeMap<String, Map.Entry<String, byte[]>> byName =
        new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    ntHashes.forEach((name, hash) -> byName.put(name, Map.entry(name, hash.clone())));
    return user -> {
      Map.Entry<String, byte[]> e = byName.get(user);
      return e == null
          ? Optional.empty()
          : Optional.of(new Account(e.getKey(), e.getValue().clone()));
    };
  }
}
