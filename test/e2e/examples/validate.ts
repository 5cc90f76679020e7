/**
 * Checks a workflow's node parameters the way the n8n editor does (NodeHelpers from n8n-workflow,
 * against the node descriptions the running n8n serves), plus what the editor silently drops:
 * parameter names the node does not have and option values it does not offer.
 */
import type {
	INode,
	INodeParameters,
	INodeProperties,
	INodePropertyCollection,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';

import type { WorkflowNode } from '../lib/n8n';

export type NodeTypeDescriptions = Array<Record<string, unknown> & { name: string }>;

export function describeNodeType(
	types: NodeTypeDescriptions,
	node: Pick<WorkflowNode, 'type' | 'typeVersion'>,
): INodeTypeDescription | undefined {
	return types.find(
		(t) =>
			t.name === node.type &&
			(Array.isArray(t.version)
				? (t.version as number[]).includes(node.typeVersion)
				: t.version === node.typeVersion),
	) as unknown as INodeTypeDescription | undefined;
}

const isExpression = (value: unknown) => typeof value === 'string' && value.startsWith('=');
const isPlainObject = (value: unknown): value is Record<string, unknown> =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

/** Option values of a property, when they are static (not loaded from the API). */
function staticValues(property: INodeProperties): unknown[] | undefined {
	if (
		!['options', 'multiOptions'].includes(property.type) ||
		property.typeOptions?.loadOptionsMethod
	)
		return undefined;
	return (property.options as Array<{ value: unknown }> | undefined)?.map((o) => o.value);
}

function checkValue(
	property: INodeProperties,
	value: unknown,
	path: string,
	problems: string[],
): void {
	const allowed = staticValues(property);
	if (allowed && !isExpression(value)) {
		for (const v of Array.isArray(value) ? value : [value]) {
			if (!allowed.includes(v))
				problems.push(`${path}: ${JSON.stringify(v)} is not one of ${JSON.stringify(allowed)}`);
		}
	}
	if (property.type === 'collection' && isPlainObject(value)) {
		for (const [key, child] of Object.entries(value)) {
			const option = (property.options as INodeProperties[]).find((o) => o.name === key);
			if (!option) problems.push(`${path}.${key}: "${property.displayName}" has no field "${key}"`);
			else checkValue(option, child, `${path}.${key}`, problems);
		}
	}
	if (property.type === 'fixedCollection' && isPlainObject(value)) {
		for (const [key, entries] of Object.entries(value)) {
			const group = (property.options as INodePropertyCollection[]).find((o) => o.name === key);
			if (!group) {
				problems.push(`${path}.${key}: "${property.displayName}" has no group "${key}"`);
				continue;
			}
			for (const [index, entry] of (Array.isArray(entries) ? entries : [entries]).entries()) {
				for (const [field, child] of Object.entries(entry as Record<string, unknown>)) {
					const fieldProperty = group.values.find((v) => v.name === field);
					if (!fieldProperty) problems.push(`${path}.${key}[${index}].${field}: no such field`);
					else checkValue(fieldProperty, child, `${path}.${key}[${index}].${field}`, problems);
				}
			}
		}
	}
}

/** Problems with one node's parameters; empty when the editor would show the node without issues. */
export function parameterProblems(types: NodeTypeDescriptions, node: WorkflowNode): string[] {
	const description = describeNodeType(types, node);
	if (!description)
		return [`${node.name}: n8n has no node type ${node.type} version ${node.typeVersion}`];
	const problems: string[] = [];
	const asNode = { ...node, parameters: node.parameters as INodeParameters } as unknown as INode;
	const resolved =
		NodeHelpers.getNodeParameters(
			description.properties,
			asNode.parameters,
			true,
			false,
			asNode,
			description,
		) ?? {};

	// A parameter the node does not show for these settings is dropped by the editor: a typo or a wrong resource.
	for (const [key, value] of Object.entries(node.parameters)) {
		if (!(key in resolved)) {
			problems.push(`${node.name}.${key}: not a parameter of ${node.type} with these settings`);
			continue;
		}
		const candidates = description.properties.filter((p) => p.name === key);
		const property =
			candidates.find((p) => NodeHelpers.displayParameter(resolved, p, asNode, description)) ??
			candidates[0];
		checkValue(property, value, `${node.name}.${key}`, problems);
	}

	const issues = NodeHelpers.getNodeParametersIssues(
		description.properties,
		{ ...asNode, parameters: resolved },
		description,
	);
	for (const [parameter, messages] of Object.entries(issues?.parameters ?? {})) {
		problems.push(`${node.name}.${parameter}: ${messages.join('; ')}`);
	}
	return problems;
}
