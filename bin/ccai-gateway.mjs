#!/usr/bin/env node
// The gateway's command: everything is in cli.js; only this file ends the process.
import { main } from '../dist/node/server/cli.js';

const result = await main(process.argv.slice(2), process.env);
process.exit(typeof result === 'number' ? result : await result.closed);
