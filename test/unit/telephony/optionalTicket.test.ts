/**
 * Agent Connected and Call Completed identify a call by Call ID or Ticket. With the Ticket left
 * empty, n8n must not report an issue: it refuses to start a workflow whose nodes have issues, and
 * it checks a locator's mode regex even where the parameter is optional.
 */
import type { INode, INodeParameters } from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';

import { Enneo } from '../../../nodes/Enneo/Enneo.node';

const description = new Enneo().description;

function issuesOf(operation: string, ticketId: INodeParameters['ticketId']): string[] {
	const parameters: INodeParameters = {
		resource: 'telephony',
		operation,
		userId: 7,
		channelId: 'call_123abc456',
		ticketId,
	};
	const node: INode = {
		id: '1',
		name: 'Enneo',
		type: 'n8n-nodes-enneo.enneo',
		typeVersion: 3,
		position: [0, 0],
		parameters: NodeHelpers.getNodeParameters(
			description.properties,
			parameters,
			true,
			false,
			{ typeVersion: 3 } as INode,
			description,
		) as INodeParameters,
	};
	const issues = NodeHelpers.getNodeParametersIssues(description.properties, node, description);
	return [...new Set(Object.values(issues?.parameters ?? {}).flat())];
}

describe.each(['agentConnected', 'callCompleted'])('%s with the Ticket left empty', (operation) => {
	it('has no parameter issue, so n8n starts the workflow', () => {
		expect(issuesOf(operation, { __rl: true, mode: 'id', value: '' })).toEqual([]);
		expect(issuesOf(operation, { __rl: true, mode: 'url', value: '' })).toEqual([]);
	});

	it('still refuses a ticket ID that is not digits, or a URL that is not a ticket', () => {
		expect(issuesOf(operation, { __rl: true, mode: 'id', value: 'abc' })).toEqual([
			'Not a ticket ID (digits only)',
		]);
		expect(
			issuesOf(operation, { __rl: true, mode: 'url', value: 'https://x.enneo.ai/users/3' }),
		).toEqual(['Not an Enneo ticket URL (…/ticket/<ID>)']);
		expect(issuesOf(operation, { __rl: true, mode: 'id', value: ' 2142 ' })).toEqual([]);
	});
});
