import type { IDataObject, IPollFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { enneoApiRequest } from '../enneoApi/request';
import type { EnneoTicket } from '../enneoApi/types';
import { statusOptions, channelOptions } from '../enneoApi/vocabulary';

/** Enneo caps `limit` on POST /ticket/search at 500 (docs/enneo-api-notes.md#limits). */
const IDS_PER_SEARCH = 500;
/** Most values one filter takes (tags, subchannels, …); a list this long is a mistake, not a filter. */
const MAX_FILTER_VALUES = 200;

/** Conditions on the event's ticket, as Enneo ticket search filters (AND-combined); empty when none are set. */
export function ticketFilters(this: IPollFunctions, filters: IDataObject): IDataObject[] {
	const result: IDataObject[] = [];
	const list = (value: unknown): string[] =>
		(Array.isArray(value)
			? value
			: typeof value === 'string'
				? value.split(',')
				: value === undefined || value === null
					? []
					: [value]
		)
			.map((entry) => String(entry).trim())
			.filter(Boolean);
	const check = (label: string, values: string[], allowed?: string[], numeric = false) => {
		if (values.length > MAX_FILTER_VALUES) {
			throw new NodeOperationError(
				this.getNode(),
				`Filters → ${label} has ${values.length} values; at most ${MAX_FILTER_VALUES} are allowed`,
				{
					description: `Choose fewer values in Filters → ${label}.`,
				},
			);
		}
		const bad = values.find((value) =>
			numeric ? !/^\d{1,12}$/.test(value) : allowed ? !allowed.includes(value) : false,
		);
		if (bad !== undefined) {
			throw new NodeOperationError(
				this.getNode(),
				`Filters → ${label} has an invalid value: ${JSON.stringify(bad.slice(0, 64))}`,
				{
					description: numeric
						? `Use numeric Enneo IDs, e.g. 12, or pick from the list.`
						: `Allowed: ${(allowed ?? []).join(', ')}.`,
				},
			);
		}
	};
	const fixedValueFilters = [
		{ field: 'Ticket Status', values: filters.status, key: 't.status', options: statusOptions },
		{ field: 'Channel', values: filters.channel, key: 't.channel', options: channelOptions },
	];
	for (const filter of fixedValueFilters) {
		const values = list(filter.values);
		check(
			filter.field,
			values,
			filter.options.map((option) => option.value),
		);
		if (values.length) result.push({ key: filter.key, comparator: 'in', values });
	}
	const subchannels = list(filters.subchannelIds);
	check('Subchannel', subchannels, undefined, true);
	if (subchannels.length)
		result.push({ key: 't.subchannelId', comparator: 'in', values: subchannels.map(Number) });
	const tags = list(filters.tagIds);
	check('Tag', tags, undefined, true);
	if (tags.length)
		result.push({ key: 'tt_matchAny.tagId', comparator: 'in', values: tags.map(Number) });
	return result;
}

/**
 * The tickets with these IDs that pass `filters`, by POST /ticket/search (`t.id in [...]` plus the
 * filters): one request per 500 distinct IDs. Tickets that are gone, hidden from the key's user or
 * do not match are missing from the map. Rows are the search's compact tickets (no body).
 */
export async function matchingTickets(
	this: IPollFunctions,
	ids: number[],
	filters: IDataObject[],
): Promise<{ tickets: Map<number, EnneoTicket>; requests: number }> {
	const unique = [...new Set(ids)];
	const tickets = new Map<number, EnneoTicket>();
	let requests = 0;
	for (let start = 0; start < unique.length; start += IDS_PER_SEARCH) {
		const chunk = unique.slice(start, start + IDS_PER_SEARCH);
		const response = (await enneoApiRequest.call(this, 'POST', '/ticket/search', {
			body: {
				filters: [{ key: 't.id', comparator: 'in', values: chunk }, ...filters],
				limit: chunk.length,
				offset: 0,
				orderByField: 't.id',
				orderByDirection: 'asc',
			},
			idempotent: true,
			area: 'ticket',
		})) as IDataObject | undefined;
		requests++;
		const rows = Array.isArray(response?.tickets) ? (response.tickets as EnneoTicket[]) : [];
		for (const row of rows)
			if (row && chunk.includes(Number(row.id))) tickets.set(Number(row.id), row);
	}
	return { tickets, requests };
}
