#!/usr/bin/env node
// The gateway's command: everything is in cli.js; only this file ends the process.
import { main } from '../dist/node/server/cli.js';

const result = await main(process.argv.slice(2), process.env);
// An exit code: nothing is left running, so the process ends once stdout and stderr are written.
if (typeof result === 'number') process.exitCode = result;
else process.exit(await result.closed);
