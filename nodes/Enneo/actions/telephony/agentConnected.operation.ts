import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { toId } from '../../../values/values';
import { enneoApiRequest } from '../../../enneoApi/request';
import { callReferenceFields, hookNotice, readCallReference } from '../../../fields/telephony';
import { agentField } from '../../../fields/ticket';
import { optionsCollection } from '../../../fields/collections';

export const properties: INodeProperties[] = [
	hookNotice,
	agentField(
		'User Name or ID',
		'userId',
		'User who accepted the call; their open Enneo window jumps to the call ticket',
		{ required: true },
	),
	...callReferenceFields,
	optionsCollection([], { timeout: true }),
];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const userId = toId.call(this, this.getNodeParameter('userId', itemIndex, ''), 'User', itemIndex);
	const body: IDataObject = { userId, ...readCallReference.call(this, itemIndex) };
	const response = (await enneoApiRequest.call(this, 'POST', '/telephony/agentConnected', {
		body,
		itemIndex,
		area: 'telephonyHook',
	})) as IDataObject;
	return { ...body, ...response };
}
