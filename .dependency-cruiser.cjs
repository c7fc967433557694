/**
 * Import boundaries (docs/architecture.md). `npm run lint` runs this; a new import that crosses a
 * boundary fails CI with the rule's name and comment.
 *
 * Surfaces: kiosk, display, reception (and the coming admin and phone page). A surface's state
 * lives in src/lib/<surface>/, its route-only components beside its route. What two surfaces share
 * lives in a shared folder (queue, roster, schemas, i18n, components, and the top-level helpers).
 */
const surfaces = 'kiosk|display|reception|admin|phone';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
	forbidden: [
		{
			name: 'no-circular',
			severity: 'error',
			comment:
				'File-level import cycles make load order matter; break the cycle with a shared module.',
			from: {},
			to: { circular: true }
		},
		{
			name: 'server-only-from-server',
			severity: 'error',
			comment:
				'src/lib/server is imported only by itself and by server-side route files (+server.ts, +page.server.ts, +layout.server.ts, hooks.server.ts).',
			from: {
				path: '^src/',
				pathNot: [
					'^src/lib/server/',
					'^src/hooks\\.server\\.ts$',
					// App.Locals names the server's types; type-only, never bundled.
					'^src/app\\.d\\.ts$',
					'^src/routes/.*\\+(page|layout)\\.server\\.ts$',
					'^src/routes/.*\\+server\\.ts$'
				]
			},
			to: { path: '^src/lib/server/' }
		},
		{
			name: 'server-imports-no-surface',
			severity: 'error',
			comment:
				'The server speaks shared contracts (src/lib/queue, roster, schemas, …), never a surface folder or a route.',
			from: { path: '^src/lib/server/' },
			to: { path: [`^src/lib/(${surfaces})/`, '^src/lib/components/', '^src/routes/'] }
		},
		{
			name: 'shared-imports-no-surface',
			severity: 'error',
			comment:
				'Shared folders are used by several surfaces, so they cannot depend on one of them (or on a route).',
			from: {
				path: '^src/lib/',
				pathNot: [`^src/lib/(${surfaces})/`, '^src/lib/server/']
			},
			to: { path: [`^src/lib/(${surfaces})/`, '^src/routes/'] }
		},
		{
			name: 'surfaces-stay-apart',
			severity: 'error',
			comment:
				"One surface does not reach into another's state; move what both need to a shared folder.",
			from: { path: `^src/(lib|routes)/(${surfaces})/`, pathNot: '^src/routes/admin/' },
			to: {
				path: [`^src/(lib|routes)/(${surfaces})/`],
				pathNot: ['^src/(lib|routes)/$2/']
			}
		},
		{
			// The admin's pages are staff pages in the desk's own frame (its bar, idle sign-out,
			// words and styles): they may use reception's, and nothing of any other surface.
			name: 'admin-uses-only-the-desk',
			severity: 'error',
			comment: 'The admin pages may use reception’s staff frame, never another surface.',
			from: { path: '^src/routes/admin/' },
			to: { path: `^src/(lib|routes)/(kiosk|display|phone)/` }
		},
		{
			name: 'lib-imports-no-route',
			severity: 'error',
			comment: 'Routes use src/lib, never the other way round.',
			from: { path: '^src/lib/' },
			to: { path: '^src/routes/' }
		}
	],
	options: {
		doNotFollow: { path: 'node_modules' },
		exclude: { path: ['^\\.svelte-kit/', '^node_modules/'] },
		tsPreCompilationDeps: true,
		tsConfig: { fileName: 'tsconfig.json' },
		// SvelteKit's $lib alias, in the one resolver format dependency-cruiser reads aliases from
		// ($app and $env are the framework's and stay unresolved).
		webpackConfig: { fileName: 'scripts/depcruise-aliases.cjs' },
		enhancedResolveOptions: {
			exportsFields: ['exports'],
			conditionNames: ['import', 'require', 'node', 'default', 'types', 'svelte'],
			extensions: ['.ts', '.js', '.svelte', '.svelte.ts', '.json']
		}
	}
};
