/**
 * Implementation of the rights client SDK; not API, may change without notice.
 *
 * <p>Threads and locks: an activation runs as one task on the callback executor and sends all its
 * messages from that task, so they never overlap. {@code SessionState} guards the handle counts,
 * the activation in progress and the secrets with its monitor; no lock is held while calling the
 * callback or doing I/O. The license store serializes the threads of a JVM with one lock per store
 * directory and processes with an OS lock on {@code store.lock}; {@code ServiceStoreLock} adds the
 * cross-user rule of service stores with OS locks that vanish with their process.
 */
package org.openrms.rms.client.internal;
