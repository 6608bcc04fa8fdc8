/**
 * Shared building blocks: the {@link org.openrms.core.HResult} table, {@link
 * org.openrms.core.DrmException}, PEM and certificate-extension helpers.
 */
package org.openrms.core;
