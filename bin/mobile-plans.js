#!/usr/bin/env node
// The `mobile-plans` command: registers tsx so Node runs the TypeScript sources, then hands over.
import { register } from 'tsx/esm/api';

register();
const { runFromProcess } = await import('../src/cli/main.ts');
await runFromProcess();
