// Runs one command through the npm package winrm-client (0.0.11, pinned in src/test/node) and
// prints the result as one JSON line.
//
// Usage: node winrm_client_run.js MODE HOST PORT USER COMMAND
// The password comes from OPENRMS_PEER_PASSWORD, never argv; NODE_PATH points at node_modules.
// MODE "run": the package's main entry point runCommand(): one Receive, then Delete; it returns
//   stdout (trimmed), or stderr when stdout is empty, and no exit code.
// MODE "run-https": the same over HTTPS with certificate checks on (rejectUnauthorized); the test
//   trusts its CA through NODE_EXTRA_CA_CERTS.
// MODE "streams": its exported Shell/Command functions: Create, Command, Receive until a stream
//   carries End="true", Delete; stdout and stderr separately. winrm-client exposes no exit code.
'use strict';

const winrm = require('winrm-client');

async function streams(host, port, user, password, command) {
  const params = { host, port, path: '/wsman', username: user, password, authMethod: 'basic' };
  const shellId = await winrm.Shell.doCreateShell(params);
  const shellParams = { ...params, shellId };
  try {
    const commandId = await winrm.Command.doExecuteCommand({ ...shellParams, command });
    let stdout = '';
    let stderr = '';
    let receives = 0;
    for (;;) {
      receives++;
      const r = await winrm.Command.doReceiveOutputNonBlocking({ ...shellParams, commandId });
      stdout += r.output;
      stderr += r.stderr;
      if (r.isComplete) {
        return { stdout, stderr, receives };
      }
      if (receives > 100) {
        throw new Error('no End="true" stream after 100 Receives');
      }
    }
  } finally {
    await winrm.Shell.doDeleteShell(shellParams);
  }
}

async function main() {
  const [mode, host, portText, user, command] = process.argv.slice(2);
  const port = Number(portText);
  const password = process.env.OPENRMS_PEER_PASSWORD;
  const version = require('winrm-client/package.json').version;
  try {
    let result;
    if (mode === 'run') {
      result = { stdout: await winrm.runCommand(command, host, user, password, port) };
    } else if (mode === 'run-https') {
      result = {
        stdout: await winrm.runCommand(command, host, user, password, port, false, true, true),
      };
    } else if (mode === 'streams') {
      result = await streams(host, port, user, password, command);
    } else {
      throw new Error('unknown mode ' + mode);
    }
    console.log(JSON.stringify({ version, ...result }));
  } catch (e) {
    console.log(JSON.stringify({ version, error: e.name, message: e.message }));
  }
}

main();
