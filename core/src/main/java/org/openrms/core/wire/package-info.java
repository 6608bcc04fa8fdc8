/**
 * The JSON wire format of the rights server's HTTP API ({@code /rms/v1}), shared by the client SDK
 * and the server so that both sides agree by construction, read and written with the one Jackson
 * configuration of {@link org.openrms.core.wire.WireJson}. See {@code docs/rms-protocol.md}.
 */
package org.openrms.core.wire;
