#!/usr/bin/env node
// `npm run import -- file.csv [--site main] [--dry-run] [--lang es]`: a practice-management
// export becomes the site's schedule, on the database the server uses (DATABASE_URL or
// DATABASE_PATH, as `npm start`) and the site config in KIOSK_CONFIG_DIR (default
// kiosk-config/). Runs the server's own code from src/ through a TypeScript loader, so it needs
// no build. Exits non-zero only when the file could not be read at all. See docs/import.md.
import { register } from 'node:module';

register('./ts-hooks.js', import.meta.url);
const { runImportCommand } = await import('../src/lib/server/schedule-import/command.ts');
process.exitCode = await runImportCommand(process.argv.slice(2), process.env, process.stdout);
