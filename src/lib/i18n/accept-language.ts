import { isLanguage, type Language } from './index';

/**
 * The language a browser asks for first among ours, from its Accept-Language header
 * ("es-MX,es;q=0.9,en;q=0.8" → 'es'). Ties keep the header's order; nothing we speak → 'en'.
 */
export function preferredLanguage(header: string | null | undefined): Language {
	const ranked = (header ?? '')
		.split(',')
		.map((part, index) => {
			const [tag, ...params] = part.trim().split(';');
			const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
			const weight = q ? Number(q.slice(2)) : 1;
			return { base: tag.trim().toLowerCase().split('-')[0], weight, index };
		})
		.filter((entry) => isLanguage(entry.base) && Number.isFinite(entry.weight) && entry.weight > 0)
		.sort((a, b) => b.weight - a.weight || a.index - b.index);
	const first = ranked[0]?.base;
	return isLanguage(first) ? first : 'en';
}
