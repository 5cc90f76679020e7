import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { unwrapTicket } from '../../../shaping/response';
import { simplifyTicket } from '../../../shaping/simplify';
import { enneoApiRequest } from '../../../enneoApi/request';
import type { EnneoTicket } from '../../../enneoApi/types';
import { getTicketId, ticketIdLocator } from '../../../fields/ticketId';
import { outputProperties, shapeOutput } from '../../../fields/output';
import { optionsCollection, contentTranslationLanguageOption } from '../../../fields/collections';

export const properties: INodeProperties[] = [
	ticketIdLocator(),
	optionsCollection(
		[
			contentTranslationLanguageOption('Language code to translate the ticket content into'),
			{
				displayName: 'Count as Agent Viewing',
				name: 'viewing',
				type: 'boolean',
				default: false,
				description:
					"Whether the read counts as an agent opening the ticket (adds the API user to 'worked on by' and starts time tracking). Leave off for automations.",
			},
			{
				displayName: 'ERP Cache Only',
				name: 'erpCacheOnly',
				type: 'boolean',
				default: false,
				description:
					'Whether to skip calls to the external ERP and answer from cached data (faster)',
			},
			{
				displayName: 'Include Customer',
				name: 'includeCustomer',
				type: 'boolean',
				default: false,
				description: 'Whether to include the full customer object (otherwise only its tags)',
			},
			{
				displayName: 'Include Intents',
				name: 'includeIntents',
				type: 'boolean',
				default: false,
				description: 'Whether to include the AI agents (intents) detected for the ticket',
			},
			{
				displayName: 'Include Raw Data',
				name: 'includeRawData',
				type: 'boolean',
				default: false,
				description: 'Whether to include the original source payload of the ticket',
			},
		],
		{ timeout: true },
	),
];

properties.push(...outputProperties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const ticketId = getTicketId.call(this, itemIndex);
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const qs: IDataObject = { viewing: options.viewing === true ? 'true' : 'false' };
	for (const flag of ['includeCustomer', 'includeIntents', 'includeRawData', 'erpCacheOnly']) {
		if (options[flag] === true) qs[flag] = 'true';
	}
	if (options.contentTranslationLanguage)
		qs.contentTranslationLanguage = options.contentTranslationLanguage;
	const response = await enneoApiRequest.call(this, 'GET', `/ticket/${ticketId}`, {
		qs,
		itemIndex,
		area: 'ticket',
	});
	const ticket = unwrapTicket(response);
	return shapeOutput.call(this, itemIndex, ticket, (t) => simplifyTicket(t as EnneoTicket));
}
