import type { INodeProperties } from 'n8n-workflow';

/**
 * The collection parameters the operations share: "Additional Fields", "Options", "Update Fields"
 * and "Filters", each with its placeholder. `extra` adds what differs (a description, displayOptions).
 */
type CollectionOptions = NonNullable<INodeProperties['options']>;

function collection(
	displayName: string,
	name: string,
	placeholder: string,
	options: CollectionOptions,
	extra: Partial<INodeProperties>,
): INodeProperties {
	return { displayName, name, type: 'collection', placeholder, default: {}, ...extra, options };
}

export function additionalFieldsCollection(
	options: CollectionOptions,
	extra: Partial<INodeProperties> = {},
): INodeProperties {
	return collection('Additional Fields', 'additionalFields', 'Add Field', options, extra);
}

export function optionsCollection(
	options: CollectionOptions,
	extra: Partial<INodeProperties> = {},
): INodeProperties {
	return collection('Options', 'options', 'Add Option', options, extra);
}

export function updateFieldsCollection(
	options: CollectionOptions,
	extra: Partial<INodeProperties> = {},
): INodeProperties {
	return collection('Update Fields', 'updateFields', 'Add Field', options, extra);
}

export function filtersCollection(
	options: CollectionOptions,
	extra: Partial<INodeProperties> = {},
): INodeProperties {
	return collection('Filters', 'filters', 'Add Filter', options, extra);
}
