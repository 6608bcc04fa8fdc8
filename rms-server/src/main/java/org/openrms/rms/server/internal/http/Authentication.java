package org.openrms.rms.server.internal.http;

import java.util.Objects;
import org.openrms.rms.server.DirectoryEntry;

/**
 * An authenticated caller.
 *
 * @param entry the caller's directory entry (from the directory, or built from a token's claims)
 * @param groupIdType the group-ID type the mechanism proves ({@code PASSPORT} for an OpenID Connect
 *     token, {@code WINDOWS_AUTH} for a Kerberos ticket), or {@code null} if the request's own
 *     {@code groupIdType} is used (Basic)
 * @param replyChallenge the {@code WWW-Authenticate} value the answer carries to finish the
 *     exchange (the Kerberos AP-REP for mutual authentication), or {@code null}
 */
public record Authentication(DirectoryEntry entry, String groupIdType, String replyChallenge) {
  /** Checks that the entry is present. */
  public Authentication {
    Objects.requireNonNull(entry, "entry");
  }

  /** An authentication whose answer needs no {@code WWW-Authenticate}. */
  public Authentication(DirectoryEntry entry, String groupIdType) {
    this(entry, groupIdType, null);
  }
}
