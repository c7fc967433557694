import type { Dictionary } from './index';

/** /admin/site: the site's configuration, read-only. */
export const adminSiteEn = {
	navSite: 'Site settings',
	title: 'Site settings',
	intro:
		'The settings this site runs with, from its file in {dir}. They are changed in that file, then applied when the server restarts.',
	same: 'Valid. The file on disk is what the server runs.',
	changed:
		'Valid. The file on disk was changed since the server started: restart the server to apply it.',
	missing:
		'There is no file for this site in the folder any more: the server would not run this site after a restart.',
	invalid:
		'The files on disk have problems: the server would not start with them. Fix these before restarting:',
	running: 'In effect now',
	problemsNote: 'The problems are written in English, as the server logs them.'
};

export const adminSiteEs: Dictionary<typeof adminSiteEn> = {
	navSite: 'Ajustes del centro',
	title: 'Ajustes del centro',
	intro:
		'Los ajustes con los que funciona este centro, de su archivo en {dir}. Se cambian en ese archivo y se aplican al reiniciar el servidor.',
	same: 'Válido. El archivo en disco es el que usa el servidor.',
	changed:
		'Válido. El archivo en disco cambió desde que arrancó el servidor: reinicie el servidor para aplicarlo.',
	missing:
		'Ya no hay archivo para este centro en la carpeta: el servidor no atendería este centro después de reiniciar.',
	invalid:
		'Los archivos en disco tienen problemas: el servidor no arrancaría con ellos. Corríjalos antes de reiniciar:',
	running: 'En uso ahora',
	problemsNote: 'Los problemas están en inglés, tal como los registra el servidor.'
};
