import type {
	IDataObject,
	IExecuteFunctions,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';

import { priorityOptions, statusOptions } from '../enneoApi/vocabulary';
import { optionalId } from '../values/values';

/**
 * Fields several operations (and the Enneo Event Trigger) offer with the same name and choices:
 * ticket status and priority, an agent or tags picked from Enneo's lists, and multi-value filters.
 * `extra` adds what differs (a description, displayOptions, required).
 */

export function statusField(extra: Partial<INodeProperties> = {}): INodeProperties {
	return {
		displayName: 'Status',
		name: 'status',
		type: 'options',
		options: statusOptions,
		default: 'open',
		...extra,
	};
}

export function priorityField(
	defaultValue: string,
	extra: Partial<INodeProperties> = {},
): INodeProperties {
	return {
		displayName: 'Priority',
		name: 'priority',
		type: 'options',
		options: priorityOptions,
		default: defaultValue,
		...extra,
	};
}

/**
 * One agent (Enneo user) chosen from the list, or an ID by expression. `about` (one or more
 * sentences, without the final period) leads the description.
 */
export function agentField(
	displayName: string,
	name: string,
	about: string,
	extra: Partial<INodeProperties> = {},
): INodeProperties {
	return {
		displayName,
		name,
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getAgents' },
		default: '',
		description: `${about}. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.`,
		...extra,
	};
}

/**
 * One subchannel (mailbox, chat channel, phone line) chosen from the list, or an ID by expression.
 * `about` (one or more sentences, without the final period) leads the description.
 */
export function subchannelField(
	displayName: string,
	about: string,
	extra: Partial<INodeProperties> = {},
): INodeProperties {
	return {
		displayName,
		name: 'subchannelId',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getSubchannels' },
		default: '',
		description: `${about}. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.`,
		...extra,
	};
}

/** Reads a subchannelField from its collection: undefined when not set; errors name the field as shown. */
export function readSubchannelId(
	this: IExecuteFunctions,
	fields: IDataObject,
	field: INodeProperties,
	itemIndex: number,
): number | undefined {
	return optionalId.call(this, fields[field.name], field.displayName, itemIndex);
}

/**
 * Tags chosen from the list, or IDs by expression. `about` (one or more sentences, without the
 * final period) leads the description.
 */
export function tagsField(about: string, name = 'tagIds'): INodeProperties {
	return {
		displayName: 'Tag Names or IDs',
		name,
		type: 'multiOptions',
		typeOptions: { loadOptionsMethod: 'getTags' },
		default: [],
		description: `${about}. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.`,
	};
}

/** A filter matching any of several of Enneo's fixed values. */
export function multiOptionsFilter(
	displayName: string,
	name: string,
	options: INodePropertyOptions[],
): INodeProperties {
	return { displayName, name, type: 'multiOptions', options, default: [] };
}
