/**
 * Workflow builders of the e2e lib (the whole picture is in ./n8n.ts): nodes and linear workflows in
 * n8n's workflow JSON.
 */
import { randomBytes, randomUUID } from 'node:crypto';

import type { WorkflowJson, WorkflowNode } from './client';
import { PACKAGE_NAME } from './processes';

let counter = 0;

const uid = () =>
	`${Date.now().toString(36)}${(counter++).toString(36)}${randomBytes(4).toString('hex')}`;

export const ENNEO_NODE = `${PACKAGE_NAME}.enneo`;

export const ENNEO_TRIGGER_NODE = `${PACKAGE_NAME}.enneoTrigger`;

export function manualTrigger(name = 'Start'): WorkflowNode {
	return {
		name,
		type: 'n8n-nodes-base.manualTrigger',
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
	};
}

/** A Code node ("Run Once for All Items") returning `jsCode`'s items. */
export function codeNode(name: string, jsCode: string): WorkflowNode {
	return {
		name,
		type: 'n8n-nodes-base.code',
		typeVersion: 2,
		position: [0, 0],
		parameters: { jsCode },
	};
}

/** An Enneo action node with a credential. */
export function enneoNode(options: {
	name?: string;
	parameters: Record<string, unknown>;
	credential: { id: string; name: string };
	onError?: WorkflowNode['onError'];
}): WorkflowNode {
	return {
		name: options.name ?? 'Enneo',
		type: ENNEO_NODE,
		typeVersion: 1,
		position: [0, 0],
		parameters: options.parameters,
		credentials: { enneoApi: options.credential },
		...(options.onError ? { onError: options.onError } : {}),
	};
}

/** Nodes connected one after the other (main output 0 → input 0), laid out left to right. */
export function linearWorkflow(name: string, nodes: WorkflowNode[]): WorkflowJson {
	const connections: Record<string, unknown> = {};
	nodes.forEach((node, index) => {
		node.id ??= uid();
		node.position = [index * 240, 0];
		const next = nodes[index + 1];
		if (next) connections[node.name] = { main: [[{ node: next.name, type: 'main', index: 0 }]] };
	});
	return { name: `${name} ${uid()}`, nodes, connections };
}

/** Enneo Ticket → Update Many parameters for items that carry the ticket's `id`. */
export function updateManyParameters(
	updateFields: Record<string, unknown>,
	options?: Record<string, unknown>,
): Record<string, unknown> {
	return {
		resource: 'ticket',
		operation: 'updateMany',
		ticketId: '={{ $json.id }}',
		updateFields,
		...(options ? { options } : {}),
	};
}

/** Manual trigger → a Code node "Tickets" giving one item `{ id }` per ticket ID → `node`. */
export function perTicketWorkflow(name: string, ids: number[], node: WorkflowNode): WorkflowJson {
	return linearWorkflow(name, [
		manualTrigger(),
		codeNode('Tickets', `return ${JSON.stringify(ids)}.map((id) => ({ json: { id } }));`),
		node,
	]);
}

/** n8n's If node whose true output takes the items where `leftValue` (an expression) is true. */
export function ifTrue(name: string, leftValue: string): WorkflowNode {
	return {
		name,
		type: 'n8n-nodes-base.if',
		typeVersion: 2.2,
		position: [0, 0],
		parameters: {
			conditions: {
				options: { caseSensitive: true, leftValue: '', typeValidation: 'loose', version: 2 },
				conditions: [
					{
						id: randomUUID(),
						leftValue,
						rightValue: '',
						operator: { type: 'boolean', operation: 'true', singleValue: true },
					},
				],
				combinator: 'and',
			},
			looseTypeValidation: true,
			options: {},
		},
	};
}

/** Connects `from` output `outputIndex` to `to` in a workflow built by hand. */
export function connect(
	workflow: WorkflowJson,
	from: string,
	to: string,
	outputIndex = 0,
): WorkflowJson {
	const entry = (workflow.connections[from] ??= { main: [] }) as {
		main: Array<Array<{ node: string; type: string; index: number }>>;
	};
	while (entry.main.length <= outputIndex) entry.main.push([]);
	entry.main[outputIndex].push({ node: to, type: 'main', index: 0 });
	return workflow;
}
