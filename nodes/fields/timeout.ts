import type { INodeProperties } from 'n8n-workflow';

import { optionsCollection } from './collections';
import { DEFAULT_TIMEOUT_MS, TIMEOUT_RANGE_MS } from '../enneoApi/request';

/** Options → Timeout: read by the transport for every request of the item (`options.timeout`). */
export const timeoutOption: INodeProperties = {
	displayName: 'Timeout',
	name: 'timeout',
	type: 'number',
	typeOptions: { minValue: TIMEOUT_RANGE_MS.min, maxValue: TIMEOUT_RANGE_MS.max },
	default: DEFAULT_TIMEOUT_MS,
	description: 'How many milliseconds to wait for Enneo to answer a request before the item fails',
};

function showsOf(property: INodeProperties, key: 'resource' | 'operation'): string[] {
	const values = property.displayOptions?.show?.[key];
	return Array.isArray(values) ? values.map(String) : [];
}

/**
 * Gives every operation that calls Enneo the Timeout option: added (in alphabetical place) to its
 * Options collection, or as an Options collection of its own when it has none.
 */
export function withTimeoutOption(
	properties: INodeProperties[],
	operations: Record<string, string[]>,
): INodeProperties[] {
	const covered = new Set<string>();
	const out = properties.map((property) => {
		if (property.name !== 'options' || property.type !== 'collection') return property;
		for (const resource of showsOf(property, 'resource')) {
			for (const operation of showsOf(property, 'operation'))
				covered.add(`${resource}:${operation}`);
		}
		const options = [...((property.options as INodeProperties[] | undefined) ?? []), timeoutOption];
		options.sort((a, b) => a.displayName.localeCompare(b.displayName));
		return { ...property, options };
	});
	for (const [resource, names] of Object.entries(operations)) {
		for (const operation of names) {
			if (covered.has(`${resource}:${operation}`)) continue;
			out.push(
				optionsCollection([timeoutOption], {
					displayOptions: { show: { resource: [resource], operation: [operation] } },
				}),
			);
		}
	}
	return out;
}
