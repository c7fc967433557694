import type { Language } from '$lib/i18n';
import type { PublicSiteConfig } from '$lib/schemas/site-config';

/**
 * The few settings the waiting-room TV needs, cut down from the site's public config. Sent to
 * every TV in the room, so it holds nothing a patient should not see.
 */
export interface DisplaySite {
	name: string;
	timezone: string;
	languages: Language[];
	primaryColor: string;
	chime: boolean;
	speech: boolean;
	announcements: string[];
	walkInDurationMin: number;
}

export function displaySite(config: PublicSiteConfig): DisplaySite {
	return {
		name: config.name,
		timezone: config.timezone,
		languages: config.languages,
		primaryColor: config.branding.primaryColor,
		chime: config.display.chime,
		speech: config.display.speech,
		announcements: config.display.announcements.filter((text) => text.trim() !== ''),
		walkInDurationMin: config.waitEstimate.walkInDurationMin
	};
}
