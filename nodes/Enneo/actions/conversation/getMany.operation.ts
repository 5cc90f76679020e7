import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { simplifyConversation } from '../../../shaping/simplify';
import { toIdList, toStringList } from '../../../values/values';
import { enneoApiRequest } from '../../../enneoApi/request';
import type { EnneoConversation } from '../../../enneoApi/types';
import { getTicketId, ticketIdLocator } from '../../../fields/ticketId';
import { outputProperties, outputShaper } from '../../../fields/output';
import { directionOptions } from '../../../enneoApi/vocabulary';
import { readReturnAllAndLimit, returnAllAndLimit } from '../../../fields/paging';
import {
	filtersCollection,
	optionsCollection,
	contentTranslationLanguageOption,
	includeRawDataOption,
} from '../../../fields/collections';
import { multiOptionsFilter } from '../../../fields/ticket';
import { beforeVersion, CONTRACT_VERSION } from '../../../fields/versions';

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
			hint: 'Applied by the node to the thread Enneo returns, like every filter here',
		},
		{
			displayName: 'Recipient IDs',
			name: 'toId',
			type: 'string',
			default: '',
			placeholder: 'e.g. 7, 8',
			description:
				'Not applied: Enneo answers no recipient IDs for messages. Kept so saved workflows open unchanged.',
			displayOptions: { show: beforeVersion(CONTRACT_VERSION) },
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
	optionsCollection(
		[
			{
				...contentTranslationLanguageOption(
					"Not applied: Enneo's list of messages takes no translation language. Kept so saved workflows open unchanged.",
				),
				displayOptions: { show: beforeVersion(CONTRACT_VERSION) },
			},
			includeRawDataOption('Whether to include the original source payload of each message'),
		],
		{ timeout: true },
	),
];

properties.push(...outputProperties);

/**
 * GET /ticket/{id}/conversation takes only includeRawData (docs/enneo-api-notes.md#conversation-get-many):
 * the node applies Filters to the thread Enneo answers. Recipient IDs and Content Translation
 * Language (versions 1–3) have nothing to act on and are not sent.
 */
interface ConversationFilters {
	type?: string[];
	direction?: string[];
	private?: boolean;
	senderId?: number[];
}

function readFilters(
	this: IExecuteFunctions,
	filters: IDataObject,
	itemIndex: number,
): ConversationFilters {
	const direction = toStringList(filters.direction);
	const type = toStringList(filters.type);
	const senderId = toIdList.call(this, filters.senderId, 'Sender IDs', itemIndex);
	return {
		type: type.length ? type : undefined,
		direction: direction.length ? direction : undefined,
		private: typeof filters.private === 'boolean' ? filters.private : undefined,
		senderId: senderId.length ? senderId : undefined,
	};
}

function matches(conversation: EnneoConversation, wanted: ConversationFilters): boolean {
	if (wanted.type && !wanted.type.includes(String(conversation.type))) return false;
	if (wanted.direction && !wanted.direction.includes(String(conversation.direction))) return false;
	if (wanted.private !== undefined && (conversation.private === true) !== wanted.private)
		return false;
	if (wanted.senderId) {
		const sender = (conversation.sender as IDataObject | undefined)?.id ?? conversation.agentId;
		if (!wanted.senderId.includes(Number(sender))) return false;
	}
	return true;
}

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const ticketId = getTicketId.call(this, itemIndex);
	const { returnAll, limit } = readReturnAllAndLimit.call(this, itemIndex);
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const wanted = readFilters.call(this, filters, itemIndex);
	const qs: IDataObject = {};
	if (options.includeRawData === true) qs.includeRawData = 'true';
	const response = (await enneoApiRequest.call(this, 'GET', `/ticket/${ticketId}/conversation`, {
		qs,
		itemIndex,
		area: 'conversation',
	})) as IDataObject | IDataObject[];
	const conversations = ((Array.isArray(response) ? response : response.conversations) ??
		[]) as EnneoConversation[];
	const matching = conversations.filter((conversation) => matches(conversation, wanted));
	// The endpoint has no limit/offset: it always answers with the whole thread, so Limit is applied here.
	const list = returnAll ? matching : matching.slice(0, limit);
	return list.map(outputShaper.call(this, itemIndex, simplifyConversation));
}
