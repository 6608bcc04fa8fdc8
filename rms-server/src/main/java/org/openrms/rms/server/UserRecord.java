package org.openrms.rms.server;

import java.time.Instant;

/**
 * One account of the built-in directory as it is stored, without its password hash.
 *
 * @param login what HTTP Basic sends as user name
 * @param email the directory e-mail, or {@code null}
 * @param displayName the display name
 * @param verified whether the e-mail is verified
 * @param enabled whether the account may authenticate
 * @param createdAt when the account was added
 */
public record UserRecord(
    String login,
    String email,
    String displayName,
    boolean verified,
    boolean enabled,
    Instant createdAt) {}
