import type { Dictionary } from './index';

/** The Devices page's "Pair again" (re-pair), beside rename and remove. */
export const deviceRepairEn = {
	repair: 'Pair again',
	repairHint:
		'For a tablet or TV whose data was wiped, or a new one in its place. You get a code for “{name}”; this device keeps working until the code is used, then it is removed.'
};

export const deviceRepairEs: Dictionary<typeof deviceRepairEn> = {
	repair: 'Emparejar de nuevo',
	repairHint:
		'Para una tableta o TV cuyos datos se borraron, o una nueva en su lugar. Recibirá un código para “{name}”; este dispositivo sigue funcionando hasta que se use el código, y entonces se quita.'
};
