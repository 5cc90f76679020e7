import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { withoutKeys } from '../../../shaping/response';
import { simplifyCustomer, simplifyCustomerWithNames } from '../../../shaping/simplify';
import { CONTRACT_VERSION, isVersion } from '../../../fields/versions';
import { enneoApiRequest } from '../../../enneoApi/request';
import { getTicketId, ticketIdLocator } from '../../../fields/ticketId';
import { shapeCustomer } from '../../../shaping/customer';
import { outputProperties, shapeOutput } from '../../../fields/output';
import { optionsCollection, includeRawDataOption } from '../../../fields/collections';
import {
	contractIdField,
	customerIdField,
	readVipRule,
	vipOptions,
} from '../../../fields/customer';
import { readPathId } from '../../../values/values';

export const properties: INodeProperties[] = [
	{
		displayName: 'Look Up By',
		name: 'lookUpBy',
		type: 'options',
		options: [
			{ name: 'Customer ID', value: 'customerId' },
			{
				name: 'Contract ID',
				value: 'contractId',
				description: "Also returns all of the customer's contracts",
			},
			{ name: 'Ticket', value: 'ticketId', description: 'The customer linked to a ticket' },
		],
		default: 'customerId',
	},
	customerIdField({ displayOptions: { show: { lookUpBy: ['customerId'] } } }),
	contractIdField({ displayOptions: { show: { lookUpBy: ['contractId'] } } }),
	ticketIdLocator({ displayOptions: { show: { lookUpBy: ['ticketId'] } } }),
	optionsCollection(
		[
			{
				displayName: 'Include Contracts',
				name: 'includeContracts',
				type: 'boolean',
				default: false,
				description:
					"Whether to embed the customer's contracts (may be slow; looking up by contract always includes them)",
			},
			includeRawDataOption(
				'Whether to include the ERP source data (by customer ID or ticket; the lookup by contract takes no such switch)',
			),
			...vipOptions,
		],
		{ timeout: true },
	),
];

properties.push(...outputProperties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const lookUpBy = this.getNodeParameter('lookUpBy', itemIndex, 'customerId') as
		| 'customerId'
		| 'contractId'
		| 'ticketId';
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const vip = readVipRule.call(this, options, itemIndex);
	const qs: IDataObject = {};
	// GET /customer/byContractId/{id} takes no query parameters (docs/enneo-api-notes.md#customer-get).
	if (options.includeRawData === true && lookUpBy !== 'contractId') qs.includeRawData = 'true';
	let endpoint: string;
	if (lookUpBy === 'ticketId') {
		endpoint = `/customer/byTicketId/${getTicketId.call(this, itemIndex)}`;
	} else if (lookUpBy === 'contractId') {
		endpoint = `/customer/byContractId/${readPathId.call(this, this.getNodeParameter('contractId', itemIndex, ''), 'Contract ID', itemIndex)}`;
	} else {
		endpoint = `/customer/byCustomerId/${readPathId.call(this, this.getNodeParameter('customerId', itemIndex, ''), 'Customer ID', itemIndex)}`;
		if (options.includeContracts === true) qs.includeContracts = 'true';
	}
	const customer = (await enneoApiRequest.call(this, 'GET', endpoint, {
		qs,
		itemIndex,
		area: 'customer',
	})) as IDataObject;
	const shaped = shapeCustomer(withoutKeys(customer, 'success'), vip);
	const simplify = isVersion(this, CONTRACT_VERSION) ? simplifyCustomerWithNames : simplifyCustomer;
	return shapeOutput.call(this, itemIndex, shaped, simplify);
}
