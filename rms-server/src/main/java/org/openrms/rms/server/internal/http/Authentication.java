package org.openrms.rms.server.internal.http;

import java.util.Objects;
import org.openrms.rms.server.DirectoryEntry;

/**
 * An authenticated caller.
 *
 * @param entry the caller's directory entry (from the directory, or built from a token's claims)
 * @param groupIdType the group-ID type the mechanism proves ({@code PASSPORT} for an OpenID Connect
 *     token), or {@code null} if the request's own {@code groupIdType} is used (Basic)
 */
public record Authentication(DirectoryEntry entry, String groupIdType) {
  /** Checks that the entry is present. */
  public Authentication {
    Objects.requireNonNull(entry, "entry");
  }
}
