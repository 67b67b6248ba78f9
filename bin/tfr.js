#!/usr/bin/env node
// The `tfr` command: registers tsx so the TypeScript sources run as they are, then runs the CLI.
import { register } from 'tsx/esm/api';

register();
const { runCli, processIo } = await import('../rpc/cli/main.ts');
process.exitCode = await runCli(process.argv.slice(2), processIo());
