import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { optionalId } from '../../../values/values';
import { enneoApiRequest } from '../../../enneoApi/request';
import { optionsCollection } from '../../../fields/collections';
import { agentField } from '../../../fields/ticket';

export const properties: INodeProperties[] = [
	optionsCollection([agentField('User Name or ID', 'userId', 'Only this user')], { timeout: true }),
];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const qs: IDataObject = {};
	const userId = optionalId.call(this, options.userId, 'User Name or ID', itemIndex);
	if (userId !== undefined) qs.userId = userId;
	// Enneo documents no response shape, so the answer is passed on as one item.
	const response = await enneoApiRequest.call(this, 'GET', '/telephony/routingAvailability', {
		qs,
		itemIndex,
		area: 'telephony',
	});
	return Array.isArray(response) ? { users: response } : ((response ?? {}) as IDataObject);
}
