import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { fromVersion, isVersion, SIMPLIFY_VERSION } from './versions';

/**
 * Simplify: at most 10 fields per object (n8n's guideline), the ones people and AI agents route
 * and branch on. New in node version 2 for Get operations; version 1 keeps its outputs.
 */
export const simplifyProperty: INodeProperties = {
	displayName: 'Simplify',
	name: 'simplify',
	type: 'boolean',
	default: true,
	displayOptions: { show: fromVersion(SIMPLIFY_VERSION) },
	description: 'Whether to return a simplified version of the response instead of the raw data',
};

/** Whether this item's output is simplified: version 2 and later, with Simplify on. */
export function wantsSimplify(this: IExecuteFunctions, itemIndex: number): boolean {
	if (!isVersion(this, SIMPLIFY_VERSION)) return false;
	return this.getNodeParameter('simplify', itemIndex, true) !== false;
}
