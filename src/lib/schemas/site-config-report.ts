/** What /admin/site shows: the configuration in effect, and the files on disk checked now. */
export interface SiteConfigReport {
	/** The folder the site files are read from (KIOSK_CONFIG_DIR). */
	dir: string;
	/** The settings in effect, as JSON, with the staff PIN only as "(set)" or null. */
	json: string;
	/**
	 * The files validated again now: `same` as what runs, `changed` (valid, applied at the next
	 * restart), `invalid` (the server would not start with them: each problem names file, field
	 * and fix), or `missing` (no file for this site any more).
	 */
	onDisk: { state: 'same' | 'changed' | 'missing' } | { state: 'invalid'; problems: string[] };
}
