package org.openrms.core.wire;

/**
 * Answer of {@code POST /rms/v1/activation}.
 *
 * @param certificateChain PEM chain: machine certificate, then the issuing CA (the root)
 */
public record MachineActivationResponse(String certificateChain) {}
