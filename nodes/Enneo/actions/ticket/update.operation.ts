import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { assertTicketChanges } from '../../../fields/ticketRules';
import { copySetFields, readJsonObject } from '../../../values/values';
import { unwrapTicket } from '../../../shaping/response';
import { enneoApiRequest } from '../../../enneoApi/request';
import { getTicketId, ticketIdLocator } from '../../../fields/ticketId';
import {
	NEEDS_TECHNICAL_PERMISSION,
	readSubjectAndSummary,
	readTicketChanges,
	subjectAndSummaryFields,
	ticketUpdateFieldOptions,
	includeInWorklogOption,
} from '../../../fields/ticketUpdate';
import { optionsCollection, updateFieldsCollection } from '../../../fields/collections';

/** Fields outside the agent set (docs/enneo-api-notes.md#ticket-update): only keys with updateTechnicalTicketFields may write them. */
const technicalFieldOptions: INodeProperties[] = [
	{
		displayName: 'Additional Data (Technical, JSON)',
		name: 'additionalData',
		type: 'json',
		default: '',
		description: `Free key/value data stored on the ticket, e.g. {"markedAsSafe": "true"}. ${NEEDS_TECHNICAL_PERMISSION}.`,
	},
	{
		displayName: 'External Ticket ID (Technical)',
		name: 'externalTicketId',
		type: 'string',
		default: '',
		description: `ID of the ticket in another system. ${NEEDS_TECHNICAL_PERMISSION}.`,
	},
	...subjectAndSummaryFields,
];

export const properties: INodeProperties[] = [
	ticketIdLocator(),
	updateFieldsCollection(
		[...ticketUpdateFieldOptions, ...technicalFieldOptions].sort((a, b) =>
			a.displayName.localeCompare(b.displayName),
		),
	),
	optionsCollection(
		[
			{
				displayName: 'Force Agent Reassignment',
				name: 'forceAgentReassignment',
				type: 'boolean',
				default: false,
				description:
					"Whether to reassign the ticket even if another agent is working on it (overrides Enneo's reassignment guard)",
			},
			includeInWorklogOption,
		],
		{ timeout: true },
	),
];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const ticketId = getTicketId.call(this, itemIndex);
	const fields = this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject;
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;

	const changes = readTicketChanges.call(this, fields, itemIndex);
	Object.assign(
		changes,
		readSubjectAndSummary(fields),
		copySetFields(fields, ['externalTicketId'], 'trimmed'),
	);
	const additionalData = readJsonObject.call(
		this,
		fields.additionalData,
		'Additional Data',
		itemIndex,
		'{"markedAsSafe": "true"}',
		{ allowNull: true },
	);
	if (additionalData !== undefined) changes.additionalData = additionalData;
	assertTicketChanges.call(this, ticketId, Object.keys(changes).length > 0, changes, itemIndex);

	const qs: IDataObject = {};
	if (options.includeInWorklog === false) qs.includeInWorklog = 'false';
	if (options.forceAgentReassignment === true) qs.forceAgentReassignment = 'true';
	const response = await enneoApiRequest.call(this, 'PATCH', `/ticket/${ticketId}`, {
		body: changes,
		qs,
		itemIndex,
		area: 'ticket',
	});
	return unwrapTicket(response);
}
