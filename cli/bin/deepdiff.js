#!/usr/bin/env node
import { main } from '../dist/main.js';

const code = await main(process.argv.slice(2));
// Exit once stdout and stderr are flushed, even if a driver left a handle open.
process.stdout.write('', () => process.stderr.write('', () => process.exit(code)));
