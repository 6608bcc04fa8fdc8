/** Implementation of the rights server; not API, may change at any time. */
package org.openrms.rms.server.internal;
