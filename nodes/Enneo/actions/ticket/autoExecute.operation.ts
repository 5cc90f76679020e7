import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { optionalId } from '../../../values/values';
import { enneoApiRequestFull } from '../../../enneoApi/request';
import { getTicketId, ticketIdLocator } from '../../../fields/ticketId';
import { optionsCollection } from '../../../fields/collections';

export const properties: INodeProperties[] = [
	ticketIdLocator(),
	optionsCollection(
		[
			{
				displayName: 'AI Agent Name or ID',
				name: 'executeAgentId',
				type: 'options',
				typeOptions: { loadOptionsMethod: 'getAiAgents' },
				default: '',
				description:
					'The AI agent to execute (one per call); by default the one Enneo detected. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
			},
			{
				displayName: 'Allow Multiple Intents',
				name: 'allowMultipleIntents',
				type: 'boolean',
				default: false,
				description:
					'Whether to execute although Enneo detected several AI agents on the ticket (otherwise Enneo refuses)',
			},
			{
				displayName: 'Allow With Replies',
				name: 'allowWithReplies',
				type: 'boolean',
				default: false,
				description:
					'Whether to execute although the customer has already replied on the ticket (otherwise Enneo refuses)',
			},
		],
		{ timeout: true },
	),
];

/**
 * Runs the ticket's AI agent. Enneo answers HTTP 207 when the run took place but reported failure
 * (not eligible, agent declined): that is a result, output as `{success: false, status: 207}` for an
 * IF node to branch on, not an error. The reason is in the ticket's activity.
 */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const ticketId = getTicketId.call(this, itemIndex);
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const qs: IDataObject = {};
	const executeAgentId = optionalId.call(
		this,
		options.executeAgentId,
		'AI Agent Name or ID',
		itemIndex,
	);
	if (executeAgentId !== undefined) qs.executeAgentId = executeAgentId;
	if (options.allowMultipleIntents === true) qs.allowMultipleIntents = 'true';
	if (options.allowWithReplies === true) qs.allowWithReplies = 'true';
	// Path per the latest plugin and docs guides; older sources say /autoprocess (docs/enneo-api-notes.md#auto-execute).
	const response = await enneoApiRequestFull.call(this, 'POST', `/ticket/${ticketId}/autoexecute`, {
		qs,
		itemIndex,
		area: 'ticket',
		acceptStatus: [207],
	});
	const body =
		response.body && typeof response.body === 'object' && !Array.isArray(response.body)
			? (response.body as IDataObject)
			: {};
	const succeeded = response.statusCode !== 207 && body.success !== false;
	return { ticketId, ...body, success: succeeded, status: response.statusCode };
}
