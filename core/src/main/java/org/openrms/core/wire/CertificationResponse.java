package org.openrms.core.wire;

/**
 * Answer of {@code POST /rms/v1/certification}.
 *
 * @param racChain PEM chain RAC, SLC, root CA
 * @param sealedPrivateKey the RAC private key (PKCS#8 DER) as a JWE compact serialization with
 *     {@code alg=ECDH-ES}, {@code enc=A256GCM}, encrypted to the machine certificate's public key
 */
public record CertificationResponse(String racChain, String sealedPrivateKey) {}
