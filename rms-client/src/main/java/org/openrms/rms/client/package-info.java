/**
 * The OpenRMS rights-management client SDK: the msdrm client API (AD RMS SDK 1.0) in Java.
 *
 * <p>Start with {@link org.openrms.rms.client.RightsClient}: build one, share it, and create {@link
 * org.openrms.rms.client.ClientSession}s from it. A session activates the machine and the user
 * asynchronously ({@link org.openrms.rms.client.ClientSession#activate}, reported through a {@link
 * org.openrms.rms.client.StatusCallback} and an {@link org.openrms.rms.client.ActivationFuture}),
 * reads the local license store and locates services. {@link org.openrms.rms.client.Msdrm} offers
 * the same functions with their C names, {@code int} handles and HRESULT returns. Failures are
 * {@link org.openrms.core.DrmException}s carrying the HRESULT the C API would return.
 *
 * <p>Everything under {@code org.openrms.rms.client.internal} is implementation, not API.
 */
package org.openrms.rms.client;
