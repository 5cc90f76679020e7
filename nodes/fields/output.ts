import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { itemError } from '../values/itemError';
import { toStringList } from '../values/values';
import {
	fromVersion,
	isVersion,
	OUTPUT_VERSION,
	SIMPLIFY_VERSION,
	versionsBetween,
} from './versions';

/**
 * What a read operation returns. Version 2 and 3: Simplify (at most 10 fields per object, the
 * ones people and AI agents route and branch on). From version 4: Output, n8n's choice for nodes
 * usable as AI tools — Simplified, Raw, or Selected Fields (the ID always included), so a model's
 * context gets only what it needs. Version 1 keeps its raw outputs.
 */
export const simplifyProperty: INodeProperties = {
	displayName: 'Simplify',
	name: 'simplify',
	type: 'boolean',
	default: true,
	displayOptions: versionsBetween(SIMPLIFY_VERSION, OUTPUT_VERSION),
	description: 'Whether to return a simplified version of the response instead of the raw data',
};

/** Output and, for Selected Fields, the field names (version 4 on). */
export const outputChoice: INodeProperties[] = [
	{
		displayName: 'Output',
		name: 'output',
		type: 'options',
		default: 'simplified',
		options: [
			{
				name: 'Simplified',
				value: 'simplified',
				description: 'At most 10 fields per object, the ones workflows and AI agents use most',
			},
			{ name: 'Raw', value: 'raw', description: 'Every field Enneo returns' },
			{
				name: 'Selected Fields',
				value: 'selected',
				description: 'Only the fields you name, and always the ID',
			},
		],
		displayOptions: { show: fromVersion(OUTPUT_VERSION) },
	},
	{
		displayName: 'Fields',
		name: 'outputFields',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. subject, status, priority',
		description:
			'Names of the fields to return, separated by commas, as Enneo names them (Raw shows them). The ID is always included.',
		displayOptions: { show: { output: ['selected'], ...fromVersion(OUTPUT_VERSION) } },
	},
];

export const outputProperties: INodeProperties[] = [simplifyProperty, ...outputChoice];

/** More field names than any Enneo object has: a longer list is a mapping mistake. */
const MAX_SELECTED_FIELDS = 200;
const MAX_FIELD_NAME_LENGTH = 100;

type Shape = (object: IDataObject) => IDataObject;

/**
 * Returns one object as the item's Simplify or Output setting asks, `simplify` being the
 * resource's Simplified form.
 */
export function shapeOutput(
	this: IExecuteFunctions,
	itemIndex: number,
	object: IDataObject,
	simplify: Shape,
): IDataObject {
	return outputShaper.call(this, itemIndex, simplify)(object);
}

/** The shaping for every object of this item (read once, applied to each of a list). */
export function outputShaper(this: IExecuteFunctions, itemIndex: number, simplify: Shape): Shape {
	if (!isVersion(this, SIMPLIFY_VERSION)) return (object) => object;
	if (!isVersion(this, OUTPUT_VERSION))
		return this.getNodeParameter('simplify', itemIndex, true) !== false
			? simplify
			: (object) => object;
	const output = this.getNodeParameter('output', itemIndex, 'simplified') as string;
	if (output === 'raw') return (object) => object;
	if (output !== 'selected') return simplify;
	const names = readSelectedFields.call(this, itemIndex);
	return (object) => {
		const picked: IDataObject = { id: object.id ?? null };
		for (const name of names) if (object[name] !== undefined) picked[name] = object[name];
		return picked;
	};
}

function readSelectedFields(this: IExecuteFunctions, itemIndex: number): string[] {
	const names = toStringList(this.getNodeParameter('outputFields', itemIndex, ''));
	const tooLong = names.find((name) => name.length > MAX_FIELD_NAME_LENGTH);
	if (!names.length || names.length > MAX_SELECTED_FIELDS || tooLong !== undefined) {
		throw itemError(
			this.getNode(),
			names.length
				? `"Fields" must name at most ${MAX_SELECTED_FIELDS} fields of at most ${MAX_FIELD_NAME_LENGTH} characters`
				: '"Fields" is empty: name the fields to return',
			itemIndex,
			'Enter field names separated by commas, e.g. subject, status, priority, or choose Output → Simplified.',
		);
	}
	return names;
}
