/**
 * A WinRM-compatible WS-Management listener: {@link org.openrms.wsman.server.WsmanListener} serves
 * {@code POST /wsman} on Jetty, authenticates with HTTP Basic against {@link
 * org.openrms.wsman.server.LocalAccounts}, answers Identify (also unauthenticated), and dispatches
 * by ResourceURI and Action to {@link org.openrms.wsman.server.Resource} plugins. Every failure is
 * an HTTP 500 SOAP 1.2 fault with a WSManFault code and the request's MessageID in RelatesTo.
 */
package org.openrms.wsman.server;
