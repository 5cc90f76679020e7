import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { itemError } from '../../../values/itemError';
import { withoutKeys } from '../../../shaping/response';
import { enneoApiRequest } from '../../../enneoApi/request';
import { optionsCollection, includeRawDataOption } from '../../../fields/collections';
import { contractIdField } from '../../../fields/customer';
import { readPathId } from '../../../values/values';

export const properties: INodeProperties[] = [
	contractIdField(),
	optionsCollection(
		[
			includeRawDataOption('Whether to include the ERP source data'),
			{
				displayName: 'Output Item When Not Found',
				name: 'continueIfNotFound',
				type: 'boolean',
				default: false,
				description:
					'Whether an unknown contract gives an item with found = false instead of an error. Off: the node fails (or, with Continue On Fail, outputs the error).',
			},
			{
				displayName: 'Refresh From ERP',
				name: 'refresh',
				type: 'boolean',
				default: false,
				description:
					'Whether Enneo fetches the contract from the ERP again instead of using its cache',
			},
		],
		{ timeout: true },
	),
];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const rawId = this.getNodeParameter('contractId', itemIndex, '');
	const contractId = readPathId.call(this, rawId, 'Contract ID', itemIndex);
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const qs: IDataObject = {};
	for (const flag of ['includeRawData', 'refresh']) if (options[flag] === true) qs[flag] = 'true';
	const response = ((await enneoApiRequest.call(this, 'GET', `/contract/${contractId}`, {
		qs,
		itemIndex,
		area: 'contract',
	})) ?? {}) as IDataObject;
	// Enneo answers an unknown contract with HTTP 200 and a code, not with 404.
	if (response.code === 'contract_not_found') {
		const id = String(rawId).trim();
		if (options.continueIfNotFound === true)
			return { found: false, contractId: id, code: 'contract_not_found' };
		throw itemError(
			this.getNode(),
			`Contract ${id} was not found in Enneo`,
			itemIndex,
			'Enneo (and its ERP) does not know this contract ID. Check the ID, or turn on Options → "Output Item When Not Found" to continue with found = false.',
		);
	}
	return { found: true, ...withoutKeys(response, 'success') };
}
