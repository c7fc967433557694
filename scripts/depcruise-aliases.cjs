// Read by .dependency-cruiser.cjs only: SvelteKit's $lib alias for the import-boundary check.
const path = require('node:path');

module.exports = { resolve: { alias: { $lib: path.resolve(__dirname, '../src/lib') } } };
