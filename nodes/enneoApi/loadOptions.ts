import type { IDataObject, ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { fetchAiAgents, fetchProfiles, fetchSubchannels, fetchTags, personName } from './lookups';

const byName = (a: INodePropertyOptions, b: INodePropertyOptions) => a.name.localeCompare(b.name);

function tagOptions(tags: IDataObject[]): INodePropertyOptions[] {
	return tags
		.map((tag) => ({
			name: String(tag.fullName ?? tag.name ?? `Tag ${String(tag.id)}`),
			value: Number(tag.id),
			description: tag.type ? `Type: ${String(tag.type)}` : undefined,
		}))
		.sort(byName);
}

/** Ticket tags: skills, products, brands and other ticket tags. */
export async function getTags(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const tags = await fetchTags.call(this);
	return tagOptions(tags.filter((tag) => !tag.reference || tag.reference === 'ticket'));
}

/** Customer tags (e.g. VIP): `customerProperty` tags. */
export async function getCustomerTags(
	this: ILoadOptionsFunctions,
): Promise<INodePropertyOptions[]> {
	return tagOptions(await fetchTags.call(this, { type: 'customerProperty' }));
}

export async function getAgents(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const profiles = await fetchProfiles.call(this, { show: 'all' });
	return profiles
		.map((profile) => ({
			name: personName(profile),
			value: Number(profile.id),
			description: profile.email ? String(profile.email) : undefined,
		}))
		.sort(byName);
}

export async function getAiAgents(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const agents = await fetchAiAgents.call(this);
	return agents
		.map((agent) => ({
			name: String(agent.name ?? `AI agent ${String(agent.id)}`),
			value: Number(agent.id),
		}))
		.sort(byName);
}

function subchannelOptions(subchannels: IDataObject[]): INodePropertyOptions[] {
	return subchannels
		.map((sub) => ({
			name: `${String(sub.name ?? `Subchannel ${String(sub.id)}`)} (${String(sub.channel ?? '?')})`,
			value: Number(sub.id),
		}))
		.sort(byName);
}

export async function getSubchannels(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	return subchannelOptions(await fetchSubchannels.call(this));
}

export async function getPhoneSubchannels(
	this: ILoadOptionsFunctions,
): Promise<INodePropertyOptions[]> {
	return subchannelOptions(await fetchSubchannels.call(this, 'phone'));
}
