package org.openrms.cli;

import picocli.CommandLine.Command;

/**
 * {@code openrms wsman}: the WS-Management side of OpenRMS. {@code listen} runs a WinRM-compatible
 * listener and {@code account} manages its local accounts; {@code identify}, {@code get}, {@code
 * put}, {@code create}, {@code delete}, {@code enumerate}, {@code invoke}, {@code run} and {@code
 * shell} are the client, taking the connection string, flags and credentials of
 * IWSMan::CreateSession.
 */
@Command(
    name = "wsman",
    mixinStandardHelpOptions = true,
    description = "WS-Management (WinRM) listener and client.",
    subcommands = {
      WsmanListenCommand.class,
      WsmanAccountCommand.class,
      WsmanResourceCommands.Identify.class,
      WsmanResourceCommands.Get.class,
      WsmanResourceCommands.Put.class,
      WsmanResourceCommands.Create.class,
      WsmanResourceCommands.Delete.class,
      WsmanResourceCommands.Enumerate.class,
      WsmanResourceCommands.Invoke.class,
      WsmanRunCommands.Run.class,
      WsmanRunCommands.Shell.class
    })
final class WsmanCommand {}
