import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { toId } from '../../../values/values';
import { enneoApiRequest } from '../../../enneoApi/request';
import { optionsCollection } from '../../../fields/collections';
import { agentField } from '../../../fields/ticket';

export const properties: INodeProperties[] = [
	optionsCollection([agentField('User Name or ID', 'userId', 'Only this user')], { timeout: true }),
];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const qs: IDataObject = {};
	if (options.userId !== undefined && options.userId !== '')
		qs.userId = toId.call(this, options.userId, 'User', itemIndex);
	// Enneo documents no response shape, so the answer is passed on as one item.
	const response = await enneoApiRequest.call(this, 'GET', '/telephony/routingAvailability', {
		qs,
		itemIndex,
		area: 'telephony',
	});
	return Array.isArray(response) ? { users: response } : ((response ?? {}) as IDataObject);
}
