/**
 * Shared building blocks: the {@link org.openrms.core.HResult} table, {@link
 * org.openrms.core.DrmException}, PEM and certificate-extension helpers, and the EC P-256 key
 * helpers ({@link org.openrms.core.EcP256}).
 */
package org.openrms.core;
