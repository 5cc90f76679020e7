import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { itemError } from '../../../values/itemError';
import { toStringList } from '../../../values/values';
import { enneoApiRequest } from '../../../enneoApi/request';
import { getTicketId, ticketIdLocator } from '../../../fields/ticketId';
import { additionalFieldsCollection, optionsCollection } from '../../../fields/collections';
import { readSubchannelId, subchannelField } from '../../../fields/ticket';

const sendingMailbox = subchannelField(
	'Sending Mailbox Name or ID',
	'Email subchannel to send from',
);

export const properties: INodeProperties[] = [
	ticketIdLocator(),
	{
		displayName: 'To Email',
		name: 'toEmail',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. billing@example.com',
		description:
			"Where to forward the ticket. Several addresses separated by commas: Enneo's forward takes one address, so each gets its own forward with the same note.",
	},
	{
		displayName: 'Note',
		name: 'body',
		type: 'string',
		typeOptions: { rows: 4 },
		default: '',
		description: 'Text placed above the forwarded content',
	},
	additionalFieldsCollection([
		{
			displayName: 'BCC',
			name: 'bcc',
			type: 'string',
			default: '',
			description: 'Email addresses, separated by commas',
		},
		{
			displayName: 'CC',
			name: 'cc',
			type: 'string',
			default: '',
			description: 'Email addresses, separated by commas',
		},
		sendingMailbox,
		{
			displayName: 'Subject',
			name: 'subject',
			type: 'string',
			default: '',
			description: "Subject of the forwarded email (default: the ticket's subject)",
		},
	]),
	optionsCollection([], { timeout: true }),
];

/** One address goes as a string (the documented form), several as a list (accepted per docs/enneo-api-notes.md#ticket-other). */
const oneOrMany = (list: string[]): string | string[] => (list.length === 1 ? list[0] : list);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const ticketId = getTicketId.call(this, itemIndex);
	const to = toStringList(this.getNodeParameter('toEmail', itemIndex, ''));
	if (!to.length) {
		throw itemError(
			this.getNode(),
			`"To Email" is required to forward a ticket`,
			itemIndex,
			'Enter the address to forward the ticket to, e.g. billing@example.com.',
		);
	}
	const bad = to.find((address) => !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(address));
	if (bad) {
		throw itemError(
			this.getNode(),
			`"To Email" contains an invalid address: ${JSON.stringify(bad)}`,
			itemIndex,
			'Enter email addresses separated by commas.',
		);
	}
	const fields = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	const body: IDataObject = { body: this.getNodeParameter('body', itemIndex, '') as string };
	if (fields.subject) body.subject = String(fields.subject);
	for (const key of ['cc', 'bcc']) {
		const list = toStringList(fields[key]);
		if (list.length) body[key] = oneOrMany(list);
	}
	const subchannelId = readSubchannelId.call(this, fields, sendingMailbox, itemIndex);
	if (subchannelId !== undefined) body.subchannelId = subchannelId;
	// `toEmail` is one address in Enneo's contract (docs/enneo-api-notes.md#ticket-forward): one
	// forward per address. Each sends an email: never repeated automatically (POST default).
	const forward = async (toEmail: string) =>
		(await enneoApiRequest.call(this, 'POST', `/ticket/${ticketId}/forward`, {
			body: { toEmail, ...body },
			itemIndex,
			area: 'ticket',
		})) as IDataObject;
	let response = await forward(to[0]);
	for (let index = 1; index < to.length; index++) {
		try {
			response = await forward(to[index]);
		} catch (error) {
			const cause = error as Error & { description?: string };
			throw new NodeOperationError(this.getNode(), cause, {
				itemIndex,
				message: `${cause.message} (forwarded to ${to.slice(0, index).join(', ')} before the failure; not to ${to.slice(index).join(', ')})`,
				description: cause.description,
			});
		}
	}
	return { ticketId, forwardedTo: to, ...response };
}
