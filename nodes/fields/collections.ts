import type { INodeProperties } from 'n8n-workflow';

import { timeoutOption } from './timeout';

/**
 * The collection parameters the operations share: "Additional Fields", "Options", "Update Fields"
 * and "Filters", each with its placeholder, and options several of them hold. `extra` adds what
 * differs (a description, displayOptions).
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

/** By display name, as n8n lists a collection's options (and its linter wants them declared). */
function alphabetical(options: CollectionOptions): CollectionOptions {
	return [...(options as INodeProperties[])].sort((a, b) =>
		a.displayName.localeCompare(b.displayName),
	);
}

/**
 * Options, in alphabetical order. `timeout: true` adds Options → Timeout (every operation that
 * calls Enneo has it; the transport reads it as `options.timeout`).
 */
export function optionsCollection(
	options: CollectionOptions,
	{ timeout, ...extra }: Partial<INodeProperties> & { timeout?: boolean } = {},
): INodeProperties {
	const all = timeout ? [...(options as INodeProperties[]), timeoutOption] : options;
	return collection('Options', 'options', 'Add Option', alphabetical(all), extra);
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

/** Options → Include Raw Data: asks Enneo for the source payload (`includeRawData=true`). */
export function includeRawDataOption(description: string): INodeProperties {
	return {
		displayName: 'Include Raw Data',
		name: 'includeRawData',
		type: 'boolean',
		default: false,
		description,
	};
}

/** Options → Content Translation Language: the language Enneo translates the content into. */
export function contentTranslationLanguageOption(description: string): INodeProperties {
	return {
		displayName: 'Content Translation Language',
		name: 'contentTranslationLanguage',
		type: 'string',
		default: '',
		placeholder: 'e.g. en',
		description,
	};
}
