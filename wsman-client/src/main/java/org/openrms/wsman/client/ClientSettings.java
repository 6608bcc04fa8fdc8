package org.openrms.wsman.client;

import java.security.KeyStore;
import java.time.Duration;

/**
 * The machine-wide client settings a {@link WSMan} hands to its sessions.
 *
 * @param trustStore the trusted CA certificates for HTTPS, or null for the JDK trust store
 * @param connectTimeout the longest wait for a TCP connection and the TLS handshake
 * @param maxEnvelopeSize the MaxEnvelopeSize announced in requests, in bytes
 * @param allowUnencrypted whether Basic may go over plain HTTP without the NoEncryption flag
 * @param userAgent the User-Agent header
 */
record ClientSettings(
    KeyStore trustStore,
    Duration connectTimeout,
    int maxEnvelopeSize,
    boolean allowUnencrypted,
    String userAgent) {}
