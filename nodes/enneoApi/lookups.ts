import type { IDataObject, ILoadOptionsFunctions } from 'n8n-workflow';

import { enneoApiRequest } from './request';
import { listOf } from './pagination';

export async function fetchTags(
	this: ILoadOptionsFunctions,
	qs: IDataObject = {},
): Promise<IDataObject[]> {
	return listOf(
		await enneoApiRequest.call(this, 'GET', '/tag', {
			qs: { format: 'compact', ...qs },
			area: 'lookup',
		}),
		'tags',
	);
}

export async function fetchProfiles(
	this: ILoadOptionsFunctions,
	qs: IDataObject = {},
): Promise<IDataObject[]> {
	return listOf(
		await enneoApiRequest.call(this, 'GET', '/profiles', {
			qs: { limit: 1000, ...qs },
			area: 'lookup',
		}),
		'profiles',
	);
}

export async function fetchAiAgents(
	this: ILoadOptionsFunctions,
	qs: IDataObject = {},
): Promise<IDataObject[]> {
	return listOf(
		await enneoApiRequest.call(this, 'GET', '/aiAgents', {
			qs: { format: 'short', limit: 1000, ...qs },
			area: 'lookup',
		}),
		'aiAgents',
	);
}

export async function fetchSubchannels(
	this: ILoadOptionsFunctions,
	channel?: string,
): Promise<IDataObject[]> {
	// Array query parameters use PHP-style brackets (docs/enneo-api-notes.md#request-format).
	const endpoint = channel
		? `/settings/subchannel?channels[]=${encodeURIComponent(channel)}`
		: '/settings/subchannel';
	return listOf(
		await enneoApiRequest.call(this, 'GET', endpoint, { area: 'lookup' }),
		'subchannels',
	);
}

export function personName(profile: IDataObject): string {
	const name = [profile.firstName, profile.lastName].filter(Boolean).join(' ').trim();
	return name || String(profile.email ?? `User ${String(profile.id)}`);
}
