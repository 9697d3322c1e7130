#!/usr/bin/env node
/**
 * Entry point of the `bieumau` command inside the repository:
 * `node --import tsx/esm --conditions=bieumau-source packages/cli/src/bin.ts …`.
 * The published package runs `bin/bieumau.js`, which imports the compiled `cli.js`.
 * @module
 */
import { run } from './cli.js';

process.exitCode = await run(process.argv.slice(2));
