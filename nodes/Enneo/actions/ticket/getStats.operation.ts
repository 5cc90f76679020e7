import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { enneoApiRequest } from '../../../enneoApi/request';
import { optionsCollection } from '../../../fields/collections';

export const properties: INodeProperties[] = [optionsCollection([], { timeout: true })];

/** Open-ticket counts with breakdowns by AI agent and tag; shape undocumented (docs/enneo-api-notes.md#undocumented-responses). */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	return (await enneoApiRequest.call(this, 'GET', '/ticket/stats', {
		itemIndex,
		area: 'ticket',
	})) as IDataObject;
}
