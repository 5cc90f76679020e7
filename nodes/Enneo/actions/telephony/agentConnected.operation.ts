import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { toId } from '../../../values/values';
import { enneoApiRequest } from '../../../enneoApi/request';
import { callReferenceFields, hookNotice, readCallReference } from '../../../fields/telephony';

export const properties: INodeProperties[] = [
	hookNotice,
	{
		displayName: 'User Name or ID',
		name: 'userId',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getAgents' },
		required: true,
		default: '',
		description:
			'User who accepted the call; their open Enneo window jumps to the call ticket. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},
	...callReferenceFields,
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
