import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { enneoBaseUrl } from '../../enneoApi/baseUrl';
import { enneoApiRequest } from '../../enneoApi/request';
import type { EnneoCredentials } from '../../enneoApi/types';

const PAGE = 50;

/** Ticket picker: newest tickets, or a full-text / ID search when the user types. */
export async function searchTickets(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const offset = Number(paginationToken ?? 0);
	const filters: IDataObject[] = [];
	const query = filter?.trim();
	if (query && /^\d+$/.test(query))
		filters.push({ key: 't.id', comparator: '=', value: Number(query) });
	else if (query) filters.push({ key: 'q', value: query });
	const response = (await enneoApiRequest.call(this, 'POST', '/ticket/search', {
		body: { filters, limit: PAGE, offset, orderByField: 't.id', orderByDirection: 'desc' },
		idempotent: true,
		area: 'ticket',
	})) as IDataObject;
	const tickets = (response.tickets as IDataObject[] | undefined) ?? [];
	const credentials = (await this.getCredentials('enneoApi')) as unknown as EnneoCredentials;
	const appUrl = enneoBaseUrl(credentials.instanceUrl).replace(/\/api\/mind$/, '');
	const total = Number(response.total ?? 0);
	return {
		results: tickets.map((ticket) => ({
			name: `#${String(ticket.id)} ${String(ticket.subject ?? ticket.summary ?? '')}`.trim(),
			value: String(ticket.id),
			url: `${appUrl}/ticket/${String(ticket.id)}`,
		})),
		paginationToken:
			offset + tickets.length < total && tickets.length === PAGE
				? String(offset + PAGE)
				: undefined,
	};
}
