import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { jsonParse } from 'n8n-workflow';

import { itemError } from './itemError';
/**
 * The one rule for blank values (CONTRIBUTING: "Blank values"): undefined, null, or a string that
 * is empty after trimming. A blank optional field is not sent.
 */
export function isBlank(value: unknown): boolean {
	return (
		value === undefined || value === null || (typeof value === 'string' && value.trim() === '')
	);
}

/**
 * How copySetFields sends a set field: `text` as written (message text keeps its spaces and line
 * breaks), `trimmed` as a trimmed string (IDs and codes), `value` unchanged (options, booleans,
 * numbers), `list` as a list of trimmed strings.
 */
export type FieldCopy = 'text' | 'trimmed' | 'value' | 'list';

/** The fields among `keys` that are not blank, each sent as `copy` says. */
export function copySetFields(fields: IDataObject, keys: string[], copy: FieldCopy): IDataObject {
	const out: IDataObject = {};
	for (const key of keys) {
		const value = fields[key];
		if (isBlank(value)) continue;
		if (copy === 'list') {
			const list = toStringList(value);
			if (list.length) out[key] = list;
		} else if (copy === 'value') out[key] = value;
		else out[key] = copy === 'trimmed' ? String(value).trim() : String(value);
	}
	return out;
}

/** Accepts a comma/semicolon/newline separated string or an array; returns trimmed non-empty strings. */
export function toStringList(value: unknown): string[] {
	if (value === undefined || value === null || value === '') return [];
	const list = Array.isArray(value) ? value : String(value).split(/[,;\n]/);
	return list.map((entry) => String(entry).trim()).filter((entry) => entry.length > 0);
}

/** An optional ID field: undefined when blank, else the ID (see toId). */
export function optionalId(
	this: IExecuteFunctions,
	value: unknown,
	field: string,
	itemIndex: number,
): number | undefined {
	return isBlank(value) ? undefined : toId.call(this, value, field, itemIndex);
}

/** Accepts `1,2,3`, `[1,2]` or numbers; throws a clear error naming the field for anything else. */
export function toIdList(
	this: IExecuteFunctions,
	value: unknown,
	field: string,
	itemIndex: number,
): number[] {
	if (value === undefined || value === null || value === '') return [];
	let list: unknown[];
	if (Array.isArray(value)) list = value;
	else if (typeof value === 'string' && value.trim().startsWith('[')) {
		list = jsonParse<unknown[]>(value, { fallbackValue: [value] });
	} else list = String(value).split(/[,;\s]+/);
	const ids: number[] = [];
	for (const entry of list) {
		if (entry === '' || entry === null || entry === undefined) continue;
		const id = typeof entry === 'object' && entry !== null ? (entry as IDataObject).id : entry;
		const number = Number(typeof id === 'string' ? id.trim() : id);
		if (!Number.isInteger(number) || number < 0) {
			throw itemError(
				this.getNode(),
				`"${field}" must be a list of numeric IDs, got ${JSON.stringify(entry)}`,
				itemIndex,
				`Enter IDs separated by commas, e.g. 12, 15, or pick them from the list.`,
			);
		}
		ids.push(number);
	}
	return ids;
}

/** Reads a positive integer ID from a parameter value; names the field in the error. */
export function toId(
	this: IExecuteFunctions,
	value: unknown,
	field: string,
	itemIndex: number,
): number {
	const text = typeof value === 'string' ? value.trim() : value;
	const number = Number(text);
	if (
		text === '' ||
		text === undefined ||
		text === null ||
		!Number.isInteger(number) ||
		number <= 0
	) {
		throw itemError(
			this.getNode(),
			`"${field}" must be a positive whole number, got ${JSON.stringify(value ?? '')}`,
			itemIndex,
			`Set "${field}" to the numeric Enneo ID, e.g. 376189, or map it from a previous node with an expression.`,
		);
	}
	return number;
}

/**
 * Parses a JSON parameter that must be an object (`rawData`, `sender`, `templateData`, …); it may
 * already be one (from an expression). Undefined when empty; `null` only with `allowNull` (a field
 * that clears a value). Throws naming the field and the item otherwise.
 */
export function readJsonObject(
	this: IExecuteFunctions,
	value: unknown,
	field: string,
	itemIndex: number,
	example = '{"key": "value"}',
	options: { allowNull?: boolean } = {},
): IDataObject | null | undefined {
	if (value === undefined || value === '') return undefined;
	let parsed: unknown = value;
	if (typeof value === 'string') {
		try {
			parsed = jsonParse(value);
		} catch (error) {
			throw itemError(
				this.getNode(),
				`"${field}" is not valid JSON`,
				itemIndex,
				`${(error as Error).message}. Enter a JSON object such as ${example}.`,
			);
		}
	}
	if (parsed === null && options.allowNull) return null;
	if (parsed === null && value === null) return undefined;
	if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
		throw itemError(
			this.getNode(),
			`"${field}" must be a JSON object`,
			itemIndex,
			`Enter a JSON object such as ${example}.`,
		);
	}
	return parsed as IDataObject;
}

/** A comma-separated string or an array (e.g. from an expression) as a list; undefined when empty. */
export function readList(value: unknown): string[] | undefined {
	const list = toStringList(value);
	return list.length ? list : undefined;
}

/**
 * A number from a parameter or an expression result, rounded and clamped to [min, max]; anything
 * that is not a number (or a numeric text of more than `maxTextLength` characters) gives `fallback`.
 */
export function clampNumber(
	value: unknown,
	fallback: number,
	min: number,
	max: number,
	maxTextLength = 32,
): number {
	const number =
		typeof value === 'number'
			? value
			: typeof value === 'string' && value.trim() !== '' && value.length <= maxTextLength
				? Number(value)
				: NaN;
	return Number.isFinite(number) ? Math.min(max, Math.max(min, Math.round(number))) : fallback;
}

/** Reads a non-empty ID for a URL path segment, naming the field otherwise. */
export function readPathId(
	this: IExecuteFunctions,
	value: unknown,
	field: string,
	itemIndex: number,
): string {
	const text = String(value ?? '').trim();
	if (!text || /[/?#\s]/.test(text)) {
		throw itemError(
			this.getNode(),
			`"${field}" must be an ID, got ${JSON.stringify(value ?? '')}`,
			itemIndex,
			`Enter the ${field}, e.g. 83771, or map it from a previous node.`,
		);
	}
	return encodeURIComponent(text);
}
