package org.openrms.core.wire;

/**
 * Answer of {@code GET /rms/v1}: what the server is.
 *
 * @param product always {@code "OpenRMS"}
 * @param apiVersion the API version, {@code 1}
 * @param serverId a stable identifier of this server (a UUID chosen on first start)
 */
public record ServiceInfo(String product, int apiVersion, String serverId) {}
