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

/** The message's conversation type (Store and Reply). */
export const conversationTypeField: INodeProperties = {
	displayName: 'Type',
	name: 'type',
	type: 'string',
	default: 'html',
	description:
		'Conversation type, e.g. html, text or note. Enneo stores it as given; the default is html.',
};

/** The message's subject (Store and Reply). */
export const subjectField: INodeProperties = {
	displayName: 'Subject',
	name: 'subject',
	type: 'string',
	default: '',
};

/**
 * An address list (To, CC, BCC), read with readList: comma-separated text or an array from an
 * expression. `whose` names the addresses ("Recipient", "CC"); `more` (without a leading "; ")
 * ends the description.
 */
export function addressesField(
	displayName: string,
	name: string,
	whose: string,
	more?: string,
	placeholder?: string,
): INodeProperties {
	return {
		displayName,
		name,
		type: 'string',
		default: '',
		...(placeholder ? { placeholder } : {}),
		description: `${whose} addresses, separated by commas (or an array from an expression)${more ? `; ${more}` : ''}`,
	};
}

/** Intent IDs to link to a stored message or a reply. */
export const intentIdsField: INodeProperties = {
	displayName: 'Intent IDs',
	name: 'intentIds',
	type: 'string',
	default: '',
	placeholder: 'e.g. 12, 15',
	description: 'IDs of intents to link, separated by commas',
};
