// Module hooks that let `node bench/run.js` run the benchmarks' TypeScript on Node 20, which has
// no `--experimental-strip-types`. Each .ts file is transpiled on its own with the project's
// TypeScript (`transpileModule`: no type check, types erased); `npm run check` and eslint do the
// checking. Only what the bench imports needs to work: relative imports with or without the
// `.ts` extension, bare package names, and `$lib/…` for plain .ts modules of src/lib.
import { readFile } from 'node:fs/promises';
import ts from 'typescript';

/** @type {import('node:module').ResolveHook} */
export async function resolve(specifier, context, nextResolve) {
	const fromTs = context.parentURL?.endsWith('.ts') ?? false;
	if (fromTs && specifier.startsWith('$lib/')) {
		// The app's own modules, for the few benchmarks that run its code in Node (photo sync
		// seals as the kiosk does). Plain .ts modules only: nothing that needs Svelte's compiler.
		return nextResolve(
			new URL(`../../src/lib/${specifier.slice(5)}.ts`, import.meta.url).href,
			context
		);
	}
	const relative = specifier.startsWith('./') || specifier.startsWith('../');
	if (fromTs && relative && !/\.[cm]?[jt]s$/.test(specifier)) {
		// The project's TypeScript imports siblings without an extension ('./api').
		return nextResolve(`${specifier}.ts`, context);
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
			// Stack traces point into the .ts source.
			inlineSourceMap: true,
			inlineSources: true
		}
	});
	return { format: 'module', source: outputText, shortCircuit: true };
}
