/** Implementation details of the WS-Management codec; not an API. */
package org.openrms.wsman.internal;
