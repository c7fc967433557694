#!/usr/bin/env node
// `npm run keys -- list` / `npm run keys -- rotate`: the keys that sign check-in letters, on
// the database the server uses (DATABASE_URL or DATABASE_PATH, as `npm start`). A running
// server picks a rotation up within a minute; kiosks with their next roster. Runs the server's
// own code from src/ through the TypeScript loader, so it needs no build.
import { register } from 'node:module';

register('./ts-hooks.js', import.meta.url);
const { runKeysCommand } = await import('../src/lib/server/signing-keys-command.ts');
process.exitCode = await runKeysCommand(process.argv.slice(2), process.env, process.stdout);
