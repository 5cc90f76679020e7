import { HttpError } from './http';

/** Body validation the way a strict API does it: documented fields, types and enums, else 400. */
export type FieldType =
	| 'string'
	| 'integer'
	| 'number'
	| 'boolean'
	| 'object'
	| 'array'
	| 'string[]'
	| 'integer[]'
	| 'object[]'
	| 'any';

export interface FieldSpec {
	type: FieldType | FieldType[];
	enum?: Array<string | number | boolean>;
	nullable?: boolean;
	required?: boolean;
	/** `YYYY-MM-DD HH:MM:SS` (Enneo's ticket timestamps). */
	format?: 'datetime' | 'iso8601';
}

export type Schema = Record<string, FieldSpec>;

const SQL_DATETIME = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;

function typeOk(value: unknown, type: FieldType): boolean {
	switch (type) {
		case 'any':
			return true;
		case 'string':
			return typeof value === 'string';
		case 'integer':
			return Number.isInteger(value);
		case 'number':
			return typeof value === 'number' && Number.isFinite(value);
		case 'boolean':
			return typeof value === 'boolean';
		case 'object':
			return !!value && typeof value === 'object' && !Array.isArray(value);
		case 'array':
			return Array.isArray(value);
		case 'string[]':
			return Array.isArray(value) && value.every((v) => typeof v === 'string');
		case 'integer[]':
			return Array.isArray(value) && value.every((v) => Number.isInteger(v));
		case 'object[]':
			return (
				Array.isArray(value) &&
				value.every((v) => !!v && typeof v === 'object' && !Array.isArray(v))
			);
	}
}

export function validateBody(
	body: unknown,
	schema: Schema,
	where: string,
): Record<string, unknown> {
	if (!body || typeof body !== 'object' || Array.isArray(body)) {
		throw new HttpError(400, `${where}: the body must be a JSON object`, 'invalid_body');
	}
	const record = body as Record<string, unknown>;
	for (const key of Object.keys(record)) {
		if (!(key in schema))
			throw new HttpError(400, `${where}: unknown field '${key}'`, 'unknown_field', { field: key });
	}
	for (const [key, spec] of Object.entries(schema)) {
		const value = record[key];
		if (value === undefined) {
			if (spec.required)
				throw new HttpError(400, `${where}: field '${key}' is required`, 'missing_field', {
					field: key,
				});
			continue;
		}
		if (value === null) {
			if (spec.nullable) continue;
			throw new HttpError(400, `${where}: field '${key}' must not be null`, 'invalid_type', {
				field: key,
			});
		}
		const types = Array.isArray(spec.type) ? spec.type : [spec.type];
		if (!types.some((t) => typeOk(value, t))) {
			throw new HttpError(
				400,
				`${where}: field '${key}' must be ${types.join(' or ')}, got ${JSON.stringify(value)}`,
				'invalid_type',
				{
					field: key,
				},
			);
		}
		if (spec.enum && !spec.enum.includes(value as string)) {
			throw new HttpError(
				400,
				`${where}: invalid value ${JSON.stringify(value)} for '${key}', allowed: ${spec.enum.join(', ')}`,
				'invalid_enum',
				{
					field: key,
				},
			);
		}
		if (spec.format === 'datetime' && typeof value === 'string' && !SQL_DATETIME.test(value)) {
			throw new HttpError(
				400,
				`${where}: field '${key}' must be 'YYYY-MM-DD HH:MM:SS', got ${JSON.stringify(value)}`,
				'invalid_format',
				{
					field: key,
				},
			);
		}
		if (spec.format === 'iso8601' && typeof value === 'string' && Number.isNaN(Date.parse(value))) {
			throw new HttpError(
				400,
				`${where}: field '${key}' must be an ISO 8601 timestamp`,
				'invalid_format',
				{ field: key },
			);
		}
	}
	return record;
}

export function queryFlag(value: unknown, name: string): boolean | undefined {
	if (value === undefined) return undefined;
	if (value === 'true' || value === '1') return true;
	if (value === 'false' || value === '0') return false;
	throw new HttpError(
		400,
		`query parameter '${name}' must be true or false, got ${JSON.stringify(value)}`,
		'invalid_query',
	);
}

export function queryInt(
	value: unknown,
	name: string,
	min?: number,
	max?: number,
): number | undefined {
	if (value === undefined || value === '') return undefined;
	const n = Number(value);
	if (!Number.isInteger(n) || (min !== undefined && n < min) || (max !== undefined && n > max)) {
		throw new HttpError(
			400,
			`query parameter '${name}' must be an integer${min !== undefined ? ` >= ${min}` : ''}${max !== undefined ? ` <= ${max}` : ''}`,
			'invalid_query',
		);
	}
	return n;
}

export const ENUMS = {
	status: ['open', 'pending', 'closed'],
	priority: ['low', 'medium', 'high', 'urgent'],
	channel: ['email', 'portal', 'phone', 'letter', 'system', 'chat', 'walkIn'],
	direction: ['in', 'out', 'internal'],
	aiSupportLevel: ['unprocessed', 'human', 'bot', 'automated'],
	spamStatus: ['auto_spam', 'auto_programmatic', 'manual_spam', 'auto_clean', 'manual_clean'],
	process: ['realtime', 'batch', 'false'],
	customerLegitimation: [0, 10, 12, 13, 15, 20, 30, 40],
	routing: ['none', 'external', 'native'],
};

/**
 * Refuses a reference to something the fake does not hold, the way Enneo does: 400 with
 * `<where>: unknown <what> <id>` and the code. An absent (undefined) reference passes.
 */
export function assertKnown(
	known: { has(id: number): boolean },
	id: unknown,
	where: string,
	what: string,
	code: string,
): void {
	if (id !== undefined && !known.has(id as number))
		throw new HttpError(400, `${where}: unknown ${what} ${String(id)}`, code);
}
