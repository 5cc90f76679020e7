import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { simplifyConversation } from '../../../shaping/simplify';
import { toIdList, toStringList } from '../../../values/values';
import { enneoApiRequest } from '../../../enneoApi/request';
import type { EnneoConversation } from '../../../enneoApi/types';
import { getTicketId, ticketIdLocator } from '../../../fields/ticketId';
import { simplifyProperty, wantsSimplify } from '../../../fields/simplify';
import { directionOptions } from '../../../enneoApi/vocabulary';
import { readReturnAllAndLimit, returnAllAndLimit } from '../../../fields/paging';
import {
	filtersCollection,
	optionsCollection,
	contentTranslationLanguageOption,
	includeRawDataOption,
} from '../../../fields/collections';
import { multiOptionsFilter } from '../../../fields/ticket';

export const properties: INodeProperties[] = [
	ticketIdLocator(),
	...returnAllAndLimit,
	filtersCollection([
		multiOptionsFilter('Direction', 'direction', directionOptions),
		{
			displayName: 'Private',
			name: 'private',
			type: 'boolean',
			default: true,
			description:
				'Whether to return only internal notes (on) or only customer-visible messages (off)',
		},
		{
			displayName: 'Recipient IDs',
			name: 'toId',
			type: 'string',
			default: '',
			placeholder: 'e.g. 7, 8',
			description: 'IDs of recipients, separated by commas',
		},
		{
			displayName: 'Sender IDs',
			name: 'senderId',
			type: 'string',
			default: '',
			placeholder: 'e.g. 7, 8',
			description: 'IDs of senders, separated by commas',
		},
		{
			displayName: 'Types',
			name: 'type',
			type: 'string',
			default: '',
			placeholder: 'e.g. html, note',
			description: 'Conversation types, separated by commas (e.g. html, text, note, neo)',
		},
	]),
	optionsCollection([
		contentTranslationLanguageOption('Language code to translate the messages into'),
		includeRawDataOption('Whether to include the original source payload of each message'),
	]),
];

properties.push(simplifyProperty);

/** One value is sent as is, several as a PHP-style array (each filter accepts both). */
function filterValue(
	list: Array<string | number>,
): string | number | Array<string | number> | undefined {
	if (!list.length) return undefined;
	return list.length === 1 ? list[0] : list;
}

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const ticketId = getTicketId.call(this, itemIndex);
	const { returnAll, limit } = readReturnAllAndLimit.call(this, itemIndex);
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;

	const qs: IDataObject = {
		type: filterValue(toStringList(filters.type)),
		direction: filterValue(
			Array.isArray(filters.direction)
				? (filters.direction as string[])
				: toStringList(filters.direction),
		),
		senderId: filterValue(toIdList.call(this, filters.senderId, 'Sender IDs', itemIndex)),
		toId: filterValue(toIdList.call(this, filters.toId, 'Recipient IDs', itemIndex)),
	};
	if (filters.private !== undefined) qs.private = filters.private === true ? 'true' : 'false';
	if (options.includeRawData === true) qs.includeRawData = 'true';
	if (options.contentTranslationLanguage)
		qs.contentTranslationLanguage = options.contentTranslationLanguage;
	for (const key of Object.keys(qs)) if (qs[key] === undefined) delete qs[key];

	const response = (await enneoApiRequest.call(this, 'GET', `/ticket/${ticketId}/conversation`, {
		qs,
		itemIndex,
		area: 'conversation',
	})) as IDataObject | IDataObject[];
	const conversations =
		(Array.isArray(response)
			? response
			: (response.conversations as EnneoConversation[] | undefined)) ?? [];
	// The endpoint has no limit/offset: it always answers with the whole thread, so Limit is applied here.
	const list = returnAll ? conversations : conversations.slice(0, limit);
	return wantsSimplify.call(this, itemIndex) ? list.map(simplifyConversation) : list;
}
