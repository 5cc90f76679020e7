import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { toId } from '../values/values';

/** The conversation ID field used by Get, Update and Delete; read with getConversationId. */
export const conversationIdField: INodeProperties = {
	displayName: 'Conversation ID',
	name: 'conversationId',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'e.g. 5001',
	description: 'ID of the conversation (message or note) on the ticket',
};

/** Reads the Conversation ID field as an ID. */
export function getConversationId(this: IExecuteFunctions, itemIndex: number): number {
	return toId.call(
		this,
		this.getNodeParameter('conversationId', itemIndex),
		'Conversation ID',
		itemIndex,
	);
}

export const conversationTypeDescription =
	'Conversation type, e.g. html, text or note. Enneo stores it as given; the default is html.';

/** Intent IDs to link to a stored message or a reply. */
export const intentIdsField: INodeProperties = {
	displayName: 'Intent IDs',
	name: 'intentIds',
	type: 'string',
	default: '',
	placeholder: 'e.g. 12, 15',
	description: 'IDs of intents to link, separated by commas',
};
