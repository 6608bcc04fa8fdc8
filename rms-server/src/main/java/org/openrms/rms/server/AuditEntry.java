package org.openrms.rms.server;

import java.time.Instant;

/**
 * One row of the audit log: an activation or certification attempt.
 *
 * @param id increasing identifier
 * @param time when the attempt was answered (server clock)
 * @param kind {@code "ACTIVATION"} or {@code "CERTIFICATION"}
 * @param login the authenticated login, or {@code null} if authentication did not succeed
 * @param remoteAddress the client's IP address
 * @param outcome {@code "OK"} or the {@link org.openrms.core.wire.RmsErrorCode} name answered
 * @param detail a short free text (serial issued, reason refused), or {@code null}
 */
public record AuditEntry(
    long id,
    Instant time,
    String kind,
    String login,
    String remoteAddress,
    String outcome,
    String detail) {}
