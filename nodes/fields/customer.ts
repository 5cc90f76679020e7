import type { INodeProperties } from 'n8n-workflow';

/** The required Customer ID of the customer operations. */
export function customerIdField(extra: Partial<INodeProperties> = {}): INodeProperties {
	return {
		displayName: 'Customer ID',
		name: 'customerId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 83771',
		...extra,
	};
}

/** The required Contract ID of the customer operations. */
export function contractIdField(extra: Partial<INodeProperties> = {}): INodeProperties {
	return {
		displayName: 'Contract ID',
		name: 'contractId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 746839',
		...extra,
	};
}
