/**
 * The OpenRMS rights server: {@link org.openrms.rms.server.RightsServer} runs the {@code /rms/v1}
 * HTTP API (machine activation, certification, service discovery) with its own certificate
 * authority, built-in {@link org.openrms.rms.server.UserDirectory} and {@link
 * org.openrms.rms.server.AuditLog}. Everything under {@code internal} is not API.
 */
package org.openrms.rms.server;
