/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-hardcoded-secrets -- runs in Node outside n8n (tests and tools), never part of the package */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { extractFromAICalls } from 'n8n-workflow';

import type { WorkflowJson } from '../lib/n8n';
import { useE2e } from '../lib/setup';
import {
	CREDENTIAL_PLACEHOLDER,
	EXAMPLES_DIR,
	nodeNamed,
	readTemplate,
	templateWithCredential,
	WEBHOOK_CREDENTIAL_PLACEHOLDER,
} from './templates';
import type { NodeTypeDescriptions } from './validate';
import { parameterProblems } from './validate';

const e2e = useE2e();
const files = readdirSync(EXAMPLES_DIR).filter((f) => f.endsWith('.json'));

let nodeTypes: NodeTypeDescriptions;
beforeAll(async () => {
	nodeTypes = await e2e.n8n.nodeTypes();
});

describe('every template in examples/', () => {
	test('there are templates', () => {
		expect(files).toEqual(
			expect.arrayContaining([
				'vip-inbound-routing.json',
				'inbound-call-transcript.json',
				'ticket-triage.json',
				'bulk-close-spam.json',
				'ai-agent-ticket-tool.json',
			]),
		);
	});

	test.each(files)(
		'%s carries no secrets and refers to the Enneo credential by placeholder',
		(file) => {
			const text = readFileSync(join(EXAMPLES_DIR, file), 'utf8');
			expect(text).not.toMatch(/"(apiKey|password|token|accessToken)"\s*:/i);
			expect(text).not.toMatch(/Bearer\s+\w/);
			const workflow = readTemplate(file);
			const enneoNodes = workflow.nodes.filter((n) => n.type.startsWith('n8n-nodes-enneo.'));
			expect(enneoNodes.length).toBeGreaterThan(0);
			for (const node of enneoNodes) {
				if (node.type === 'n8n-nodes-enneo.enneoTrigger') {
					const rules = node.parameters.responseMode === 'rules';
					expect(node.credentials).toEqual({
						enneoInboundCallWebhookApi: {
							id: WEBHOOK_CREDENTIAL_PLACEHOLDER,
							name: 'Enneo inbound call secret',
						},
						// Routing rules look the caller up in Enneo.
						...(rules ? { enneoApi: { id: CREDENTIAL_PLACEHOLDER, name: 'Enneo account' } } : {}),
					});
				} else {
					expect(node.credentials).toEqual({
						enneoApi: { id: CREDENTIAL_PLACEHOLDER, name: 'Enneo account' },
					});
				}
			}
		},
	);

	test.each(files)('%s explains itself in sticky notes and connects only nodes it has', (file) => {
		const workflow = readTemplate(file);
		const notes = workflow.nodes.filter((n) => n.type === 'n8n-nodes-base.stickyNote');
		expect(notes.length).toBeGreaterThanOrEqual(1);
		expect(notes.some((n) => /setup/i.test(String(n.parameters.content)))).toBe(true);
		const names = new Set(workflow.nodes.map((n) => n.name));
		expect(names.size).toBe(workflow.nodes.length);
		for (const [from, outputs] of Object.entries(
			workflow.connections as Record<string, Record<string, Array<Array<{ node: string }>>>>,
		)) {
			expect(names).toContain(from);
			for (const targets of Object.values(outputs))
				for (const group of targets)
					for (const target of group) expect(names).toContain(target.node);
		}
	});

	test.each(files)(
		'%s imports into n8n and every node has valid parameters for the installed node types',
		async (file) => {
			// Credentials a user adds after importing; only their ids matter here.
			const openAiApi = await e2e.n8n.createCredential({
				name: `OpenAI ${file}`,
				type: 'openAiApi',
				data: { apiKey: 'sk-not-used' },
			});
			const enneoInboundCallWebhookApi = await e2e.n8n.createCredential({
				name: `Webhook secret ${file}`,
				type: 'enneoInboundCallWebhookApi',
				data: { secret: 'not-used-0123456789abcdef' },
			});
			const template = templateWithCredential(file, e2e.credential, ` ${Date.now()}`, {
				openAiApi,
				enneoInboundCallWebhookApi,
			});
			const created = await e2e.n8n.createWorkflow(template);
			const saved = (await e2e.n8n.getWorkflow(created.id)) as unknown as WorkflowJson;

			expect(saved.nodes.map((n) => n.name).sort()).toEqual(
				template.nodes.map((n) => n.name).sort(),
			);
			const problems = saved.nodes
				.filter((n) => n.type !== 'n8n-nodes-base.stickyNote')
				.flatMap((node) => parameterProblems(nodeTypes, node));
			expect(problems).toEqual([]);
		},
	);
});

describe('ai-agent-ticket-tool.json', () => {
	const workflow = readTemplate('ai-agent-ticket-tool.json');

	test('the Enneo tools hang off the agent, with the model filling only $fromAI parameters', () => {
		const tools = workflow.nodes.filter((n) => n.type === 'n8n-nodes-enneo.enneoTool');
		expect(tools.map((n) => n.name)).toEqual(['Search Tickets', 'Get Ticket', 'Add Internal Note']);
		for (const tool of tools) {
			// A failed call goes back to the model as the node's error item, not as a failed run.
			expect(tool.onError).toBe('continueRegularOutput');
			expect(workflow.connections[tool.name]).toEqual({
				ai_tool: [[{ node: 'Support Assistant', type: 'ai_tool', index: 0 }]],
			});
		}
		const fromAi = (name: string) =>
			extractFromAICalls(JSON.stringify(nodeNamed(workflow, name).parameters)).map((a) => [
				a.key,
				a.type,
			]);
		expect(fromAi('Search Tickets')).toEqual([['searchText', 'string']]);
		expect(fromAi('Get Ticket')).toEqual([['ticketId', 'number']]);
		expect(fromAi('Add Internal Note')).toEqual([
			['ticketId', 'number'],
			['note', 'string'],
		]);
	});

	test('the note tool stores a private internal note and never triggers AI processing or a reply', () => {
		const note = nodeNamed(workflow, 'Add Internal Note').parameters;
		expect(note).toMatchObject({
			resource: 'conversation',
			operation: 'store',
			direction: 'internal',
			process: 'false',
		});
		expect(note.additionalFields).toEqual({ private: true });
	});

	test('the chat model is wired as the agent language model', () => {
		expect(workflow.connections['OpenAI Chat Model']).toEqual({
			ai_languageModel: [[{ node: 'Support Assistant', type: 'ai_languageModel', index: 0 }]],
		});
	});
});
