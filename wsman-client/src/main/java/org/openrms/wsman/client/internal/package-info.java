/** Implementation of the WS-Management client; not API, may change without notice. */
package org.openrms.wsman.client.internal;
