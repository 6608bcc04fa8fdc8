/**
 * A WinRM-compatible WS-Management listener: {@link org.openrms.wsman.server.WsmanListener} serves
 * {@code POST /wsman} on Jetty, authenticates with HTTP Basic against {@link
 * org.openrms.wsman.server.LocalAccounts} (with a short-lived verified-credential cache) or, over
 * HTTPS, with a client certificate ({@link org.openrms.wsman.server.ClientCertificates}), answers
 * Identify (also unauthenticated), and dispatches by ResourceURI and Action to {@link
 * org.openrms.wsman.server.Resource} plugins. Every failure is an HTTP 500 SOAP 1.2 fault with a
 * WSManFault code and the request's MessageID in RelatesTo.
 *
 * <h2>The WinRS cmd shell</h2>
 *
 * Built in at {@code http://schemas.microsoft.com/wbem/wsman/1/windows/shell/cmd} (configured by
 * {@link org.openrms.wsman.server.ShellSettings}), compatible with what pywinrm 0.3.0 sends and
 * parses:
 *
 * <ul>
 *   <li><b>Who runs commands.</b> Every command runs as the operating-system user of the listener's
 *       JVM, whichever account authenticated; accounts are WS-Management identities, not OS users.
 *       Run the listener as an unprivileged user. No command runs for a request that did not
 *       authenticate.
 *   <li><b>How.</b> On Linux {@code setsid /bin/sh -c "<command> <arguments joined by spaces>"} in
 *       the shell's working directory (default: the listener user's home) with the listener's
 *       environment plus the shell's variables. {@code WINRS_CODEPAGE}, {@code WINRS_NOPROFILE},
 *       {@code WINRS_CONSOLEMODE_STDIN} and {@code WINRS_SKIP_CMD_SHELL} are accepted and ignored:
 *       output bytes pass through unchanged.
 *   <li><b>Ownership.</b> A shell belongs to the account that created it. Another account gets
 *       {@code w:InvalidSelectors} (2150858843), exactly as for an unknown ShellId, so the
 *       existence of other users' shells is not revealed; Enumerate lists only the caller's.
 *   <li><b>Receive</b> long-polls: it answers as soon as output exists or the command finished,
 *       else after min(OperationTimeout, MaxTimeout) less a tenth (at most 1 s) with {@code
 *       w:TimedOut} (2150858793). A response never exceeds the client's MaxEnvelopeSize.
 *   <li><b>Quotas</b> (Windows codes): shells per user {@code w:QuotaLimit} 2150859173
 *       (ERROR_WSMAN_QUOTA_MAX_SHELLS); concurrent commands per shell 2150859174
 *       (ERROR_WSMAN_QUOTA_MAX_OPERATIONS); processes per shell 2150858815
 *       (ERROR_WSMAN_QUOTA_LIMIT). Shells idle for their IdleTimeOut are closed and their process
 *       trees killed; {@link org.openrms.wsman.server.WsmanListener#close()} closes them all.
 * </ul>
 */
package org.openrms.wsman.server;
