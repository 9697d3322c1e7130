#!/usr/bin/env node
// The published entry point: runs the compiled command line from dist/.
// Inside the repository, run src/bin.ts through tsx with --conditions=bieumau-source.
import { run } from '../dist/cli.js';

process.exitCode = await run(process.argv.slice(2));
