import { describe, expect, it } from 'vitest';
import { BundleIndex, looksLikeJson, readBundle } from './read-bundle';

const bytes = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));

const patient = { resourceType: 'Patient', birthDate: '1985-03-14' };

describe('reading a FHIR Bundle', () => {
	it('is chosen by the name or by the text', () => {
		expect(looksLikeJson('day.JSON', new Uint8Array())).toBe(true);
		expect(looksLikeJson('day.txt', new TextEncoder().encode('\ufeff \n {"a":1}'))).toBe(true);
		expect(looksLikeJson('day.csv', new TextEncoder().encode('Appt ID,Patient ID'))).toBe(false);
	});

	it('follows a transaction’s urn:uuid references and a server’s absolute ones', () => {
		const read = readBundle(
			bytes({
				resourceType: 'Bundle',
				type: 'transaction',
				entry: [
					{
						fullUrl: 'urn:uuid:61ebe359-bfdc-4613-8bf2-c5e300945f0a',
						resource: patient,
						request: { method: 'POST', url: 'Patient' }
					},
					{
						fullUrl: 'https://pm.example/fhir/Patient/77',
						resource: { ...patient, id: '77' },
						request: { method: 'PUT', url: 'Patient/77' }
					},
					{ request: { method: 'DELETE', url: 'Patient/78' } }
				]
			})
		);
		if (!read.ok) throw new Error(read.reason);
		const index = new BundleIndex(read.entries);
		const resolve = (reference: string) => index.resolve({ reference }, 'Patient')?.index ?? null;
		expect(resolve('urn:uuid:61ebe359-bfdc-4613-8bf2-c5e300945f0a')).toBe(1);
		expect(resolve('Patient/77')).toBe(2);
		expect(resolve('https://other.example/fhir/Patient/77/_history/3')).toBe(2);
		expect(resolve('Patient/78')).toBeNull();
		expect(index.resolve({ reference: 'Patient/77' }, 'Practitioner')).toBeNull();
		expect(read.entries[2].problems).toEqual([{ code: 'unsupported-resource', value: 'DELETE' }]);
	});

	it('reports an entry that breaks the R4 schema, and keeps the others', () => {
		const read = readBundle(
			bytes({
				resourceType: 'Bundle',
				type: 'searchset',
				entry: [
					{ resource: { ...patient, gender: 'sometimes' } },
					{ resource: { ...patient, unknownField: true } },
					{ resource: patient }
				]
			})
		);
		if (!read.ok) throw new Error(read.reason);
		expect(read.entries.map((e) => e.problems)).toEqual([
			[{ code: 'invalid-resource', column: 'Patient.gender', value: 'enum' }],
			[{ code: 'invalid-resource', column: 'Patient', value: 'additionalProperties' }],
			[]
		]);
		expect(read.entries[2].type).toBe('Patient');
	});
});
