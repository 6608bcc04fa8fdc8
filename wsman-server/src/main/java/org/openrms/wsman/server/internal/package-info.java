/** Implementation details of the WS-Management listener; not an API. */
package org.openrms.wsman.server.internal;
