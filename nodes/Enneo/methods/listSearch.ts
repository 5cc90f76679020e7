import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { enneoBaseUrl } from '../transport/baseUrl';
import { enneoApiRequest } from '../transport/request';
import type { EnneoCredentials } from '../types';
import { fetchAiAgents, fetchProfiles, fetchSubchannels, fetchTags, personName } from './lookups';

const PAGE = 50;

function matches(text: string, filter?: string): boolean {
	return !filter || text.toLowerCase().includes(filter.toLowerCase());
}

/** Ticket picker: newest tickets, or a full-text / ID search when the user types. */
export async function searchTickets(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const offset = Number(paginationToken ?? 0);
	const filters: IDataObject[] = [];
	const query = filter?.trim();
	if (query && /^\d+$/.test(query)) filters.push({ key: 't.id', comparator: '=', value: Number(query) });
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
		paginationToken: offset + tickets.length < total && tickets.length === PAGE ? String(offset + PAGE) : undefined,
	};
}

export async function searchTags(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const tags = await fetchTags.call(this, filter ? { q: filter } : {});
	return { results: tags.map((tag) => ({ name: String(tag.fullName ?? tag.name), value: String(tag.id) })) };
}

export async function searchAgents(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const profiles = await fetchProfiles.call(this, filter ? { q: filter, show: 'all' } : { show: 'all' });
	return { results: profiles.map((profile) => ({ name: personName(profile), value: String(profile.id) })) };
}

export async function searchAiAgents(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const agents = await fetchAiAgents.call(this, filter ? { q: filter } : {});
	return { results: agents.map((agent) => ({ name: String(agent.name ?? agent.id), value: String(agent.id) })) };
}

export async function searchSubchannels(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const subchannels = await fetchSubchannels.call(this);
	return {
		results: subchannels
			.map((sub) => ({ name: `${String(sub.name)} (${String(sub.channel)})`, value: String(sub.id) }))
			.filter((option) => matches(option.name, filter)),
	};
}
