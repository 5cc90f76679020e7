/** Filters of POST /event/search (docs/enneo-api-notes.md#events): indexed keys, comparators, OR per key and AND across keys. */
import { HttpError } from './http';
import type { Row } from './state';

/** Indexed sort fields and filter keys of POST /event/search (docs/enneo-api-notes.md#events). */
export const ORDER_FIELDS = [
	'e.id',
	'e.type',
	'e.subType',
	'e.contractId',
	'e.ticketId',
	'e.status',
	'e.createdAt',
	'e.createdBy',
];
const FILTER_KEYS = [...ORDER_FIELDS, 'q'];
const COMPARATORS = ['=', '!=', '>', '<', '>=', '<=', 'in', 'between', 'not between'];

export function fieldOf(event: Row, key: string): unknown {
	if (key === 'e.createdBy') return (event.user as Row | null)?.id ?? null;
	return event[key.slice(2)];
}

function compare(
	actual: unknown,
	comparator: string,
	filter: Record<string, unknown>,
	key: string,
): boolean {
	const numeric = ['e.id', 'e.ticketId', 'e.createdBy'].includes(key);
	const norm = (value: unknown) => (numeric ? Number(value) : String(value));
	if (actual === null || actual === undefined)
		return comparator === '!=' || comparator === 'not between';
	const a = norm(actual);
	switch (comparator) {
		case '=':
			return a === norm(filter.value);
		case '!=':
			return a !== norm(filter.value);
		case '>':
			return a > norm(filter.value);
		case '<':
			return a < norm(filter.value);
		case '>=':
			return a >= norm(filter.value);
		case '<=':
			return a <= norm(filter.value);
		case 'in':
			return (filter.values as unknown[]).map(norm).includes(a);
		default: {
			const inside = a >= norm(filter.from) && a <= norm(filter.to);
			return comparator === 'between' ? inside : !inside;
		}
	}
}

export function checkFilter(filter: Record<string, unknown>, index: number): void {
	const where = `POST /event/search: filters[${index}]`;
	for (const field of Object.keys(filter)) {
		if (!['key', 'comparator', 'value', 'values', 'from', 'to'].includes(field))
			throw new HttpError(400, `${where}: unknown field '${field}'`, 'invalid_filter');
	}
	if (!FILTER_KEYS.includes(String(filter.key)))
		throw new HttpError(
			400,
			`${where}: unknown filter key ${JSON.stringify(filter.key)}`,
			'invalid_filter',
		);
	if (filter.key === 'q') return;
	const comparator = String(filter.comparator ?? '');
	if (!COMPARATORS.includes(comparator))
		throw new HttpError(
			400,
			`${where}: invalid comparator ${JSON.stringify(filter.comparator)}`,
			'invalid_filter',
		);
	if (comparator === 'in' && !Array.isArray(filter.values))
		throw new HttpError(400, `${where}: 'in' needs a values array`, 'invalid_filter');
	if (comparator.includes('between') && (filter.from === undefined || filter.to === undefined))
		throw new HttpError(400, `${where}: '${comparator}' needs from and to`, 'invalid_filter');
	if (!['in', 'between', 'not between'].includes(comparator) && filter.value === undefined)
		throw new HttpError(400, `${where}: '${comparator}' needs a value`, 'invalid_filter');
}

/** Repeated conditions on one key are OR, different keys AND (docs/enneo-api-notes.md#events). */
export function matches(event: Row, filters: Array<Record<string, unknown>>): boolean {
	const byKey = new Map<string, Array<Record<string, unknown>>>();
	for (const filter of filters)
		byKey.set(String(filter.key), [...(byKey.get(String(filter.key)) ?? []), filter]);
	for (const [key, conditions] of byKey) {
		const ok = conditions.some((filter) =>
			key === 'q'
				? JSON.stringify([event.data, event.outcome])
						.toLowerCase()
						.includes(String(filter.value ?? '').toLowerCase())
				: compare(fieldOf(event, key), String(filter.comparator), filter, key),
		);
		if (!ok) return false;
	}
	return true;
}
