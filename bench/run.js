#!/usr/bin/env node
// `npm run bench` (after the build): the benchmarks of DESIGN §9. They are written in TypeScript
// and share helpers with the browser tests (tests/e2e/support/), so this entry registers a
// TypeScript loader (scripts/ts-hooks.js, shared with `npm run import`) and then runs main.ts. See bench/README.md.
import { register } from 'node:module';

register('../scripts/ts-hooks.js', import.meta.url);
await import(new URL('./main.ts', import.meta.url).href);
