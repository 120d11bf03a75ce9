#!/usr/bin/env node
// The `sohoa` command: runs the TypeScript CLI through tsx, so it works right after npm install.
import { register } from 'tsx/esm/api';

register();
await import('../electron/cli/main.ts');
