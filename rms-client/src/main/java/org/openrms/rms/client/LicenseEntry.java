package org.openrms.rms.client;

import java.util.Objects;

/**
 * One item returned by {@code enumerateLicense}.
 *
 * @param data the item: a PEM certificate chain, an e-mail name or a license ID, depending on the
 *     enumeration flags
 * @param shared whether the item comes from a shared (machine-wide) store; OpenRMS stores are per
 *     local user, so this is always {@code false}
 */
public record LicenseEntry(String data, boolean shared) {
  /** Checks that {@code data} is present. */
  public LicenseEntry {
    Objects.requireNonNull(data, "data");
  }
}
