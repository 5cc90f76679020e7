import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

/**
 * Simplify: at most 10 fields per object (n8n's guideline), the ones people and AI agents route
 * and branch on. New in node version 2 for Get operations; version 1 keeps its outputs.
 */
export const simplifyProperty: INodeProperties = {
	displayName: 'Simplify',
	name: 'simplify',
	type: 'boolean',
	default: true,
	displayOptions: { show: { '@version': [2] } },
	description: 'Whether to return a simplified version of the response instead of the raw data',
};

/** Whether this item's output is simplified: version 2 nodes with Simplify on. */
export function wantsSimplify(this: IExecuteFunctions, itemIndex: number): boolean {
	if ((this.getNode().typeVersion ?? 1) < 2) return false;
	return this.getNodeParameter('simplify', itemIndex, true) !== false;
}
