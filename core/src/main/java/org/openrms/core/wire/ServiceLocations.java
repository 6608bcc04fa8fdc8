package org.openrms.core.wire;

/**
 * Answer of {@code GET /rms/v1/service-locations}: absolute URLs of the services this server
 * offers; a {@code null} URL means the service does not exist here.
 *
 * @param activation machine activation endpoint
 * @param certification user activation (certification) endpoint
 * @param publishing publishing endpoint (not offered yet: {@code null})
 * @param clientLicensor client licensor endpoint (not offered yet: {@code null})
 */
public record ServiceLocations(
    String activation, String certification, String publishing, String clientLicensor) {}
