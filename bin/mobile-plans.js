#!/usr/bin/env node
// The `mobile-plans` command: the CLI compiled by `npm run build` (src/cli/main.ts → dist/cli.js).
import { runFromProcess } from '../dist/cli.js';

await runFromProcess();
