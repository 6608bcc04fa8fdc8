package org.openrms.cli;

import picocli.CommandLine.Command;

/**
 * {@code openrms wsman}: the WS-Management side of OpenRMS. {@code listen} runs a WinRM-compatible
 * listener, {@code account} manages its local accounts.
 */
@Command(
    name = "wsman",
    mixinStandardHelpOptions = true,
    description = "WS-Management (WinRM) listener and client.",
    subcommands = {WsmanListenCommand.class, WsmanAccountCommand.class})
final class WsmanCommand {}
