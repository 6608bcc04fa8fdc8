/** WS-Management resources of the rights server (see {@code RightsManagement}). Internal. */
package org.openrms.rms.server.internal.wsman;
