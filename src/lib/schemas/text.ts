/**
 * Control, zero-width and bidi-override characters: never part of a name or a number a person
 * typed, and a way to make one name look like another on the desk's screen (issue 12).
 */
export const HIDDEN_CHARACTERS =
	// eslint-disable-next-line no-control-regex
	/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/;
