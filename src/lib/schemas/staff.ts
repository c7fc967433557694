import * as v from 'valibot';

export const PairingRequest = v.strictObject({
	kind: v.picklist(['kiosk', 'display'], 'kind must be "kiosk" or "display"'),
	name: v.pipe(v.string(), v.trim(), v.minLength(1, 'give the device a name'), v.maxLength(60))
});
