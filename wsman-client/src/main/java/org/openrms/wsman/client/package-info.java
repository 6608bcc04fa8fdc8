/**
 * The WS-Management client SDK: the WinRM scripting object model in Java.
 *
 * <p>Start with {@link org.openrms.wsman.client.WSMan}: build one, share it, and resolve sessions
 * with {@link org.openrms.wsman.client.WSMan#createSession} from a {@link
 * org.openrms.wsman.client.ConnectionString connection string}, {@link
 * org.openrms.wsman.client.SessionFlag session flags} and {@link
 * org.openrms.wsman.client.ConnectionOptions connection options}. The default authentication rules
 * of {@code IWSMan::CreateSession} live in {@link org.openrms.wsman.client.AuthSelector}; resources
 * are named by {@link org.openrms.wsman.client.ResourceLocator}s.
 *
 * <p>This release resolves a session into a {@link org.openrms.wsman.client.SessionPlan} and opens
 * no connection; the network session comes later. Everything under {@code
 * org.openrms.wsman.client.internal} is implementation, not API.
 */
package org.openrms.wsman.client;
