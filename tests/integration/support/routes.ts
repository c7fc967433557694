import fs from 'node:fs';
import path from 'node:path';
import { root } from './build';

/** One way in: an endpoint's method, a page, a page's `__data.json`, or a form action. */
export interface RouteEntry {
	/** The matrix's key: `GET /api/health`, `GET /reception/(desk) page`, `POST /display ?/pair`. */
	key: string;
	/** SvelteKit's route id: the folder under src/routes (`/reception/(desk)/patients/[id]`). */
	routeId: string;
	method: string;
	kind: 'endpoint' | 'page' | 'data' | 'action';
	action?: string;
}

const routesDir = path.join(root, 'src', 'routes');
const METHODS =
	/export\s+(?:const|async\s+function|function)\s+(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS|fallback)\b/g;

/** The names of a `+page.server.ts`'s actions: the keys of `export const actions = { … }`. */
export function actionNames(source: string): string[] {
	const start = source.search(/export\s+const\s+actions\b/);
	if (start === -1) return [];
	const key = /^(?:\s|\/\/[^\n]*\n|\/\*[\s\S]*?\*\/)*(?:async\s+)?([A-Za-z_$][\w$]*)\s*[:(]/;
	const names: string[] = [];
	let depth = 0;
	let expectKey = false;
	for (let i = source.indexOf('{', start); i < source.length; i++) {
		const ch = source[i];
		if ('{(['.includes(ch)) {
			depth++;
			expectKey = depth === 1;
		} else if ('})]'.includes(ch)) {
			depth--;
			if (depth === 0) break;
		} else if (depth === 1 && ch === ',') {
			expectKey = true;
		} else if (depth === 1 && expectKey) {
			expectKey = false;
			const match = key.exec(source.slice(i));
			if (match) {
				names.push(match[1]);
				// On to the `:` or `(` that ends the key, so a method's `(` is counted.
				i += match[0].length - 2;
			}
		}
	}
	return names;
}

function walk(dir: string, ancestors: string[], out: RouteEntry[]): void {
	const files = fs.readdirSync(dir, { withFileTypes: true });
	const names = new Set(files.filter((f) => f.isFile()).map((f) => f.name));
	const relative = path.relative(routesDir, dir).split(path.sep).join('/');
	const routeId = `/${relative}`.replace(/\/$/, '') || '/';
	const serverLoad = names.has('+layout.server.ts') || ancestors.includes('+layout.server.ts');
	if (names.has('+server.ts')) {
		const source = fs.readFileSync(path.join(dir, '+server.ts'), 'utf8');
		for (const [, method] of source.matchAll(METHODS)) {
			out.push({ key: `${method} ${routeId}`, routeId, method, kind: 'endpoint' });
		}
	}
	// A page is any of these (`/admin` is a load that only redirects, with no component).
	if (['+page.svelte', '+page.ts', '+page.server.ts'].some((name) => names.has(name))) {
		out.push({ key: `GET ${routeId} page`, routeId, method: 'GET', kind: 'page' });
		if (names.has('+page.server.ts') || serverLoad) {
			out.push({ key: `GET ${routeId} __data.json`, routeId, method: 'GET', kind: 'data' });
		}
	}
	if (names.has('+page.server.ts')) {
		const source = fs.readFileSync(path.join(dir, '+page.server.ts'), 'utf8');
		for (const action of actionNames(source)) {
			out.push({
				key: `POST ${routeId} ?/${action}`,
				routeId,
				method: 'POST',
				kind: 'action',
				action
			});
		}
	}
	const here = serverLoad ? [...ancestors, '+layout.server.ts'] : ancestors;
	for (const entry of files) {
		// `_components` and the like are private folders, never routes.
		if (entry.isDirectory() && !entry.name.startsWith('_')) {
			walk(path.join(dir, entry.name), here, out);
		}
	}
}

/** Every endpoint, page, page data and form action under src/routes, read now from the source. */
export function discoverRoutes(): RouteEntry[] {
	const out: RouteEntry[] = [];
	walk(routesDir, [], out);
	return out.sort((a, b) => a.key.localeCompare(b.key));
}

/** The address of a route id: groups dropped, `[param]`s filled from `params`. */
export function routeUrl(routeId: string, params: Record<string, string> = {}): string {
	const url = routeId
		.split('/')
		.filter((segment) => !/^\(.+\)$/.test(segment))
		.map((segment) =>
			segment.replace(/^\[(\w+)\]$/, (_, name: string) => {
				const value = params[name];
				if (value === undefined) throw new Error(`${routeId}: no value for [${name}]`);
				return encodeURIComponent(value);
			})
		)
		.join('/');
	return url || '/';
}
