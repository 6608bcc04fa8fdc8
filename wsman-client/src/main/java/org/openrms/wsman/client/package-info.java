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
 * <p>A {@link org.openrms.wsman.client.Session} (Identify, Get, Put, Create, Delete, Invoke,
 * Enumerate with an {@link org.openrms.wsman.client.Enumerator}, WinRS shells as {@link
 * org.openrms.wsman.client.RemoteShell} and {@link org.openrms.wsman.client.RemoteCommand}) keeps
 * one HTTP/1.1 connection alive; its {@link org.openrms.wsman.client.Session#plan() plan} is the
 * resolved {@link org.openrms.wsman.client.SessionPlan}. Faults the service sends are {@link
 * org.openrms.wsman.WsmanFaultException}s; every other failure is a {@link
 * org.openrms.wsman.client.WsmanClientException}. Negotiate (NTLM, or Kerberos through SPNEGO) and
 * Kerberos authenticate each connection and, over plain HTTP, encrypt every message (MS-WSMV HTTP
 * message encryption) unless NoEncryption; Basic (over HTTPS, or plain HTTP with NoEncryption) and
 * client certificates work too; Digest and CredSSP are not supported yet. Everything under {@code
 * org.openrms.wsman.client.internal} is implementation, not API.
 */
package org.openrms.wsman.client;
