import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { enneoApiRequest } from '../../../enneoApi/request';
import { optionsCollection } from '../../../fields/collections';

export const properties: INodeProperties[] = [optionsCollection([], { timeout: true })];

/**
 * `{agentQueue, liveConversationPossible, expectedWaitingTime}` (docs/enneo-api-notes.md#ticket-other); -1 means no
 * agent is available, e.g. to route a chat to a bot instead.
 */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	return (await enneoApiRequest.call(this, 'GET', '/agents/queue', {
		itemIndex,
		area: 'ticket',
	})) as IDataObject;
}
