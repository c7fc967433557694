// Module hooks that let `npm run import` and `npm run bench` run the project's TypeScript on
// Node 20, which has no `--experimental-strip-types`: each .ts file is transpiled on its own
// with the project's TypeScript (types erased, no type check; `npm run check` does the
// checking). Resolves `$lib/…`, relative imports without an extension, and folders with an
// index.ts. Only plain .ts modules, no Svelte.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const lib = new URL('../src/lib/', import.meta.url);

/** `base` as a .ts file or a folder's index.ts, or null. */
function typescriptFile(base) {
	for (const candidate of [`${base}.ts`, `${base}/index.ts`]) {
		if (existsSync(fileURLToPath(candidate))) return candidate;
	}
	return null;
}

/** @type {import('node:module').ResolveHook} */
export async function resolve(specifier, context, nextResolve) {
	const fromTs = context.parentURL?.endsWith('.ts') ?? false;
	if (fromTs && !/\.[cm]?[jt]s$/.test(specifier)) {
		let base = null;
		if (specifier.startsWith('$lib/')) base = new URL(specifier.slice(5), lib).href;
		else if (specifier.startsWith('./') || specifier.startsWith('../')) {
			base = new URL(specifier, context.parentURL).href;
		}
		const file = base && typescriptFile(base);
		if (file) return nextResolve(file, context);
	}
	return nextResolve(specifier, context);
}

/** @type {import('node:module').LoadHook} */
export async function load(url, context, nextLoad) {
	if (!url.startsWith('file:') || !url.endsWith('.ts')) return nextLoad(url, context);
	const source = await readFile(new URL(url), 'utf8');
	const { outputText } = ts.transpileModule(source, {
		fileName: url,
		compilerOptions: {
			module: ts.ModuleKind.ESNext,
			target: ts.ScriptTarget.ES2022,
			inlineSourceMap: true,
			inlineSources: true
		}
	});
	return { format: 'module', source: outputText, shortCircuit: true };
}
