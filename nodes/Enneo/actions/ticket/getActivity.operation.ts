import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { enneoApiRequest } from '../../../enneoApi/request';
import { getTicketId, ticketIdLocator } from '../../../fields/ticketId';
import { optionsCollection } from '../../../fields/collections';

export const properties: INodeProperties[] = [
	ticketIdLocator(),
	optionsCollection(
		[
			{
				displayName: 'Show Technical Information',
				name: 'showTechnicalInformation',
				type: 'boolean',
				default: false,
				description:
					'Whether to include technical events. Needs the accessTechnicalEvents permission; without it Enneo refuses the whole request (403).',
			},
		],
		{ timeout: true },
	),
];

/** The processing timeline; Enneo does not document its shape (docs/enneo-api-notes.md#undocumented-responses), so it is passed on as is. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const ticketId = getTicketId.call(this, itemIndex);
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const qs: IDataObject =
		options.showTechnicalInformation === true ? { showTechnicalInformation: 'true' } : {};
	const response = await enneoApiRequest.call(this, 'GET', `/ticket/${ticketId}/activity`, {
		qs,
		itemIndex,
		area: 'ticket',
	});
	if (response && typeof response === 'object' && !Array.isArray(response))
		return { ticketId, ...(response as IDataObject) };
	return { ticketId, activity: response as IDataObject[] };
}
