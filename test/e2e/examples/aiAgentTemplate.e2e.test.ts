/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets -- fixture keys for the fakes, not secrets */
/**
 * examples/ai-agent-ticket-tool.json run end to end: n8n's real AI Agent and OpenAI Chat Model
 * node, the template's OpenAI credential pointed at a scripted OpenAI-compatible model
 * (test/fake-model) through its Base URL, and the Enneo tool nodes against the fake Enneo. The
 * script plays the model; the test asserts what Enneo received and what the model was sent.
 */
import type { ChatRequest } from '../../fake-model/server';
import { contentText, FakeChatModel, toolResults } from '../../fake-model/server';
import type { WorkflowJson } from '../lib/n8n';
import { useE2e } from '../lib/setup';
import { templateWithCredential } from './templates';

const e2e = useE2e();
const model = new FakeChatModel({ apiKey: 'sk-e2e-fake-model' });
const CHAT_TRIGGER = 'When Chat Message Received';
const AGENT = 'Support Assistant';
/** The tool names n8n gives the template's Enneo tool nodes (node names, spaces as "_"). */
const TOOLS = { search: 'Search_Tickets', get: 'Get_Ticket', note: 'Add_Internal_Note' };

let openAiApi: { id: string; name: string };
beforeAll(async () => {
	await model.start();
	openAiApi = await e2e.n8n.createCredential({
		name: `Fake model ${model.port}`,
		type: 'openAiApi',
		data: { apiKey: model.apiKey, url: model.baseUrl },
	});
});
afterAll(async () => {
	await model.close();
});

/** The template with this run's credentials and the chat message pinned on the chat trigger (what "Open chat" sends). */
async function chat(message: string) {
	const workflow: WorkflowJson = templateWithCredential(
		'ai-agent-ticket-tool.json',
		e2e.credential,
		` ${Date.now()}`,
		{ openAiApi },
	);
	workflow.pinData = {
		[CHAT_TRIGGER]: [
			{ json: { sessionId: `e2e-${Date.now()}`, action: 'sendMessage', chatInput: message } },
		],
	};
	const created = await e2e.n8n.createWorkflow(workflow);
	return e2e.n8n.runWorkflow(created.id, { trigger: CHAT_TRIGGER });
}

/** The JSON a tool result message carries (n8n sends a tool's items as JSON text). */
function parseToolResult(request: ChatRequest, index: number): unknown {
	return JSON.parse(toolResults(request)[index]) as unknown;
}

/** Enneo requests other than the dropdown lookups a node may make. */
const enneoCalls = () => e2e.fake.received().map((r) => `${r.method} ${r.path}`);

test("the credential's test lists the fake model's models through the Base URL", async () => {
	model.script([]);
	const result = await e2e.n8n.testCredential({
		name: 'Fake model test',
		type: 'openAiApi',
		data: { apiKey: model.apiKey, url: model.baseUrl },
	});
	expect(result).toMatchObject({ status: 'OK' });
	expect(model.requests.map((r) => `${r.method} ${r.path} ${r.authorization}`)).toEqual([
		`GET /v1/models Bearer ${model.apiKey}`,
	]);
});

test('the agent searches tickets, reads one, adds an internal note and answers with what the tools returned', async () => {
	const ticket = e2e.fake.state.tickets.get(376101)!;
	let found: { id: number; subject: string } | undefined;
	let noteResult: Record<string, unknown> = {};
	model.script([
		{ toolCalls: [{ name: TOOLS.search, arguments: { searchText: 'invoice' } }] },
		(request) => {
			const results = parseToolResult(request, 0) as Array<{ id: number; subject: string }>;
			found = results.find((t) => t.id === ticket.id);
			return { toolCalls: [{ name: TOOLS.get, arguments: { ticketId: found?.id ?? -1 } }] };
		},
		(request) => {
			const read = parseToolResult(request, 1) as Array<{ id: number }> | { id: number };
			const id = (Array.isArray(read) ? read[0] : read).id;
			return {
				toolCalls: [
					{
						name: TOOLS.note,
						arguments: { ticketId: id, note: '<p>Customer called again about the invoice.</p>' },
					},
				],
			};
		},
		(request) => {
			const stored = parseToolResult(request, 2);
			noteResult = (Array.isArray(stored) ? stored[0] : stored) as Record<string, unknown>;
			return {
				content: `Ticket ${found?.id} (${found?.subject}) has internal note ${String(noteResult.conversationId)}.`,
			};
		},
	]);

	const run = (
		await chat('Find the invoice ticket of Mr Schmidt and note that he called again')
	).assertSuccess();

	// What Enneo received: exactly the three tool calls of the script, with the model's arguments.
	expect(enneoCalls()).toEqual([
		'POST /ticket/search',
		`GET /ticket/${ticket.id}`,
		`POST /ticket/${ticket.id}/conversation/store`,
	]);
	const [search] = e2e.fake.received('POST', '/ticket/search');
	expect(search.body).toMatchObject({ limit: 10 });
	expect(JSON.stringify(search.body)).toContain('invoice');
	const [store] = e2e.fake.received('POST', `/ticket/${ticket.id}/conversation/store`);
	expect(store.body).toMatchObject({
		direction: 'internal',
		private: true,
		process: 'false',
		body: '<p>Customer called again about the invoice.</p>',
	});
	const notes = [...e2e.fake.state.conversations.values()].filter(
		(c) => c.ticketId === ticket.id && c.bodyPlain === 'Customer called again about the invoice.',
	);
	expect(notes).toHaveLength(1);
	expect(notes[0]).toMatchObject({ private: true, direction: 'internal' });

	// What the model was sent: the template's system message and the user's words, the three
	// Enneo tools with the $fromAI parameters as their schema, then each tool's answer in turn.
	expect(model.remainingSteps).toBe(0);
	const requests = model.chatRequests;
	expect(requests).toHaveLength(4);
	const [first] = requests;
	expect(first.model).toBe('gpt-4.1-mini');
	expect(first.messages.map((m) => m.role)).toEqual(['system', 'user']);
	expect(contentText(first.messages[0])).toContain(
		'You help customer-service agents work with Enneo tickets',
	);
	expect(contentText(first.messages[1])).toBe(
		'Find the invoice ticket of Mr Schmidt and note that he called again',
	);
	const tools = Object.fromEntries(
		(first.tools ?? []).map((t) => [
			t.function.name,
			t.function.parameters as { properties: Record<string, { type: string }> },
		]),
	);
	expect(Object.keys(tools).sort()).toEqual(Object.values(TOOLS).sort());
	expect(tools[TOOLS.search].properties.searchText.type).toBe('string');
	expect(tools[TOOLS.get].properties.ticketId.type).toBe('number');
	expect(tools[TOOLS.note].properties.note.type).toBe('string');
	for (const [index, request] of requests.entries())
		expect(toolResults(request)).toHaveLength(index);
	expect(found).toMatchObject({ id: ticket.id, subject: ticket.subject });
	expect(toolResults(requests[2])[1]).toContain(String(ticket.subject));
	expect(noteResult).toMatchObject({ conversationId: notes[0].id, ticketId: ticket.id });

	// The agent's answer is the model's last turn, built from what the tools returned.
	expect(run.output(AGENT)).toEqual([
		{
			output: `Ticket ${ticket.id} (${ticket.subject}) has internal note ${String(noteResult.conversationId)}.`,
		},
	]);
});

describe('a tool call with a bad argument comes back to the model as an error it can read, and the run succeeds', () => {
	test.each([
		[
			'a ticket ID of the wrong type: refused before any request',
			'the one from yesterday',
			[],
			'"Ticket" must be a positive whole number, got "the one from yesterday" [item 0]',
		],
		[
			"an unknown ticket ID: Enneo's 404, named",
			999999999,
			['GET /ticket/999999999'],
			'The ticket was not found in Enneo (404): Ticket 999999999 not found, code ticket_not_found',
		],
	])('%s', async (_case, ticketId, enneoRequests, error) => {
		model.script([
			{ toolCalls: [{ name: TOOLS.get, arguments: { ticketId } }] },
			(request) => ({ content: `Enneo said: ${toolResults(request)[0]}` }),
		]);

		const run = (await chat(`What is in ticket ${ticketId}?`)).assertSuccess();

		expect(enneoCalls()).toEqual(enneoRequests);
		expect(model.remainingSteps).toBe(0);
		const [, second] = model.chatRequests;
		const call = second.messages.find((m) => m.role === 'assistant')?.tool_calls?.[0];
		expect(call?.function.name).toBe(TOOLS.get);
		const result = second.messages.filter((m) => m.role === 'tool');
		expect(result.map((m) => m.tool_call_id)).toEqual([call?.id]);
		// The node's own message: the field as the editor shows it, or what Enneo answered.
		expect(JSON.parse(contentText(result[0]))).toEqual([expect.objectContaining({ error })]);
		expect(run.output(AGENT)).toEqual([{ output: `Enneo said: ${contentText(result[0])}` }]);
	});
});
