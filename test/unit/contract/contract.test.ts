/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- runs in Node outside n8n (tests and tools), never part of the package */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import {
	buildReport,
	completeReport,
	formatMarkdown,
	formatReport,
	NOTES_FILE,
	readLog,
	TABLE_END,
	TABLE_START,
} from '../../../scripts/check-contract';
import { loadOpenApiDocument } from '../../fake-enneo/contract/loadDocument';
import { contractFromOpenApi } from '../../fake-enneo/contract/openapi';
import { ENNEO_CONTRACT } from '../../fake-enneo/contract/operations';
import { CONTRACT_LOG_ENV, CONTRACT_SUITE_ENV } from '../../fake-enneo/contract/record';
import { checkRequest } from '../../fake-enneo/contract/validator';
import { probeFake, useFakeEnneo } from '../../harness/fakeServer';

const enneo = useFakeEnneo();
const FIXTURE = join(__dirname, '../../fake-enneo/contract/fixtures/openapi.yaml');

const send = (method: string, pathAndQuery: string, body?: unknown) =>
	probeFake(enneo.fake, method, pathAndQuery, body);

const check = (method: string, path: string, rawQuery = '', body?: unknown) =>
	checkRequest(ENNEO_CONTRACT, { method, path, rawQuery, body });

const ticket = () => [...enneo.fake.state.tickets.keys()][0];

describe('the fake Enneo refuses what contradicts the contract, before its routes', () => {
	test.each([
		[
			'a missing required body field',
			'POST',
			'/telephony/callCompleted',
			{ ticketId: 1, transcript: [] },
			'missing_field',
			'channelId',
		],
		[
			'a required body field missing per a conditional rule',
			'POST',
			'/ticket/getLatest',
			{ preferredDirection: 'next' },
			'missing_field',
			'ticketId',
		],
		[
			'one of two alternatives missing',
			'POST',
			'/telephony/agentConnected',
			{ userId: 7 },
			'missing_field',
			'ticketId',
		],
		[
			'a wrong body type',
			'POST',
			'/ticket/{ticket}/forward',
			{ toEmail: ['a@example.com', 'b@example.com'] },
			'invalid_type',
			'toEmail',
		],
		[
			'a wrong type of an array item',
			'POST',
			'/ticket',
			{ channel: 'email', tags: [1, 'two'] },
			'invalid_type',
			'tags[1]',
		],
		['a value outside an enum', 'POST', '/ticket', { channel: 'fax' }, 'invalid_enum', 'channel'],
		[
			'an unknown body key where the list is complete',
			'POST',
			'/ticket',
			{ channel: 'email', direction: 'out' },
			'unknown_field',
			'direction',
		],
		[
			'a nested unknown key where the nested list is complete',
			'POST',
			'/ticket/search',
			{ filters: [{ key: 't.status', comparator: 'in', values: ['open'], negate: true }] },
			'unknown_field',
			'filters[0].negate',
		],
		[
			'a date that is not YYYY-MM-DD HH:MM:SS',
			'POST',
			'/ticket',
			{ channel: 'email', dueBy: '2030-01-01T00:00:00Z' },
			'invalid_format',
			'dueBy',
		],
		[
			'a missing body where one is required',
			'POST',
			'/telephony/callCompleted',
			undefined,
			'missing_body',
			'',
		],
	])('%s: 400 naming the field', async (_what, method, path, body, code, field) => {
		const before = enneo.fake.state.tickets.size;
		const { status, json } = await send(method, path.replace('{ticket}', String(ticket())), body);
		expect({ status, code: json.code, field: json.field, success: json.success }).toEqual({
			status: 400,
			code,
			field,
			success: false,
		});
		expect(String(json.message)).toContain(field ? `'${field}` : 'body is required');
		expect(enneo.fake.state.tickets.size).toBe(before);
	});

	test.each([
		['a missing required query parameter', '/customer/search?limit=5', 'missing_field', 'q'],
		[
			'a query parameter on a route that takes none',
			'/customer/byContractId/1000001?includeRawData=true',
			'unknown_query',
			'includeRawData',
		],
		[
			'a lookup the newest reference dropped (the call by queue ID; ticketId is required)',
			'/telephony/getRouting?queueId=1',
			'missing_field',
			'ticketId',
		],
		[
			'an unknown query parameter where the list is complete',
			'/customer/search?q=Sterling&includeRawData=true',
			'unknown_query',
			'includeRawData',
		],
		[
			'an integer below the minimum',
			'/customer/search?q=Sterling&limit=0',
			'out_of_range',
			'limit',
		],
		[
			'an integer above the maximum',
			'/customer/search?q=Sterling&limit=1001',
			'out_of_range',
			'limit',
		],
		[
			'a query integer that is not one',
			'/customer/search?q=Sterling&limit=abc',
			'invalid_type',
			'limit',
		],
		[
			'a query boolean that is not one',
			'/ticket/{ticket}/conversation?includeRawData=yes',
			'invalid_type',
			'includeRawData',
		],
		['a query value outside an enum', '/tag?type=color', 'invalid_enum', 'type'],
		[
			'an item of an array parameter of the wrong type',
			'/profiles?userIds%5B%5D=7&userIds%5B%5D=x',
			'invalid_type',
			'userIds[1]',
		],
		['a single-value parameter sent twice', '/customer/search?q=a&q=b', 'invalid_type', 'q'],
		['a wrong path parameter type', '/ticket/abc/history', 'invalid_type', 'ticketId'],
	])('%s: 400 naming the parameter', async (_what, pathAndQuery, code, field) => {
		const { status, json } = await send('GET', pathAndQuery.replace('{ticket}', String(ticket())));
		expect({ status, code: json.code, field: json.field }).toEqual({ status: 400, code, field });
	});

	test('query values are read per the schema: "12" is an integer, true/false/1/0 booleans, several values of an array parameter a list', async () => {
		expect((await send('GET', '/customer/search?q=Sterling&limit=12&offset=0')).status).toBe(200);
		for (const flag of ['true', 'false', '1', '0'])
			expect(
				(await send('GET', `/ticket/${ticket()}/conversation?includeRawData=${flag}`)).status,
			).toBe(200);
		expect(
			(await send('GET', '/profiles?userIds%5B%5D=7&userIds%5B%5D=8&show%5B%5D=users')).status,
		).toBe(200);
		expect(check('GET', '/profiles', 'userIds=7&userIds=8').errors).toEqual([]);
		expect(
			check('GET', '/settings/subchannel', 'channels%5B%5D=email&channels%5B%5D=fax').errors,
		).toMatchObject([{ in: 'query', field: 'channels[1]', code: 'invalid_enum' }]);
	});

	test('keys outside a partly known list are accepted and recorded as not covered', async () => {
		const id = ticket();
		const { status } = await send('PATCH', `/ticket/${id}`, {
			priority: 'high',
			aiSupportLevel: 'human',
		});
		expect(status).toBe(200);
		const [request] = enneo.fake.received('PATCH', `/ticket/${id}`);
		expect(request.contract).toMatchObject({
			operation: 'PATCH /ticket/{ticketId}',
			errors: [],
			notCovered: [{ in: 'body', field: 'aiSupportLevel', code: 'not_covered' }],
		});
		expect(request.contract!.fields.sort()).toEqual(['body.aiSupportLevel', 'body.priority']);
		expect((await send('GET', `/ticket/${id}?viewing=false`)).status).toBe(200);
		expect(enneo.fake.received('GET', `/ticket/${id}`)[0].contract!.notCovered).toMatchObject([
			{ in: 'query', field: 'viewing', code: 'not_covered' },
		]);
	});

	test('an operation the reference names without any text, and a route it does not know, are not covered', () => {
		expect(check('GET', '/ticket/5/activity', 'showTechnicalInformation=true')).toMatchObject({
			operation: 'GET /ticket/{ticketId}/activity',
			errors: [],
			notCovered: [
				{ in: 'operation', code: 'not_documented' },
				{ in: 'query', field: 'showTechnicalInformation' },
			],
		});
		expect(check('GET', '/nothing/here')).toMatchObject({
			operation: null,
			errors: [],
			notCovered: [{ in: 'operation', code: 'no_operation' }],
		});
		// A fixed path wins over a placeholder.
		expect(check('GET', '/ticket/stats').operation).toBe('GET /ticket/stats');
		expect(check('GET', '/contract/search', 'contractId=1').operation).toBe('GET /contract/search');
	});

	test('types seen only in an example are hints, never refusals', () => {
		const result = check('PATCH', '/ticket/5', '', { contractId: 376189 });
		expect(result.errors).toEqual([]);
		expect(result.hints).toMatchObject([{ field: 'contractId', code: 'type_hint' }]);
	});

	test('its routes take what the contract allows: null userId and channelId on callReceived, null durations on callCompleted', async () => {
		const received = await send('POST', '/telephony/callReceived', {
			routing: 'none',
			phone: '+4930123456',
			userId: null,
			channelId: null,
		});
		expect(received.status).toBe(200);
		await send('POST', '/telephony/callReceived', { routing: 'native', channelId: 'call-n' });
		const completed = await send('POST', '/telephony/callCompleted', {
			channelId: 'call-n',
			transcript: [],
			totalDurationSeconds: null,
			humanDurationSeconds: 12,
		});
		expect(completed).toMatchObject({ status: 200, json: { success: true } });
	});

	test('the fake’s own stricter checks still apply after the contract', async () => {
		// The reference shows no required field on POST /ticket; the fake's route requires a channel.
		expect(check('POST', '/ticket', '', { subject: 'x' }).errors).toEqual([]);
		const { status, json } = await send('POST', '/ticket', { subject: 'x' });
		expect({ status, code: json.code }).toEqual({ status: 400, code: 'missing_field' });
	});
});

describe('where the pages Enneo gave us and the reference disagree, the pages win', () => {
	test("outbound callReceived needs 'to' and 'agentId' unless 'userId' (the newer callReceived page; the newest reference needs only 'to')", () => {
		expect(
			check('POST', '/telephony/callReceived', '', { direction: 'out', to: '+4930123456' }).errors,
		).toMatchObject([{ field: 'agentId', code: 'missing_field' }]);
		expect(
			check('POST', '/telephony/callReceived', '', { direction: 'out', agentId: 7 }).errors,
		).toMatchObject([{ field: 'to', code: 'missing_field' }]);
		for (const who of [{ agentId: 7 }, { userId: 7 }])
			expect(
				check('POST', '/telephony/callReceived', '', {
					direction: 'out',
					to: '+4930123456',
					...who,
				}).errors,
			).toEqual([]);
		expect(check('POST', '/telephony/callReceived', '', { routing: 'none' }).errors).toEqual([]);
	});

	test('callReceived contractId and customerId are strings (the newer callReceived page), not integers (an older snapshot)', () => {
		expect(
			check('POST', '/telephony/callReceived', '', { contractId: '123456', customerId: null })
				.errors,
		).toEqual([]);
		expect(
			check('POST', '/telephony/callReceived', '', { contractId: 123456 }).errors,
		).toMatchObject([{ field: 'contractId', code: 'invalid_type' }]);
	});

	test("ticket dates are 'YYYY-MM-DD HH:MM:SS' (bulk-update and store pages), not the update example's Unix seconds", () => {
		expect(
			check('PATCH', '/ticket/5', '', { dueBy: '2030-01-02 10:00:00', firstResponseDueBy: null })
				.errors,
		).toEqual([]);
		expect(check('PATCH', '/ticket/5', '', { dueBy: 1609502400 }).errors).toMatchObject([
			{ field: 'dueBy', code: 'invalid_type' },
		]);
		expect(check('PATCH', '/ticket', '', [{ id: 5, dueBy: '2030-01-02' }]).errors).toMatchObject([
			{ field: '[0].dueBy', code: 'invalid_format' },
		]);
		const callReceived = ENNEO_CONTRACT.operations.find(
			(o) => o.key === 'POST /telephony/callReceived',
		);
		expect(callReceived!.overrides).toHaveLength(2);
	});
});

describe('recording and npm run check:contract', () => {
	let dir: string;
	const saved = { log: process.env[CONTRACT_LOG_ENV], suite: process.env[CONTRACT_SUITE_ENV] };
	beforeEach(() => {
		dir = mkdtempSync(join(tmpdir(), 'enneo-contract-'));
		process.env[CONTRACT_LOG_ENV] = dir;
		process.env[CONTRACT_SUITE_ENV] = 'unit-contract';
	});
	afterEach(() => {
		for (const [key, value] of [
			[CONTRACT_LOG_ENV, saved.log],
			[CONTRACT_SUITE_ENV, saved.suite],
		] as const)
			if (value === undefined) delete process.env[key];
			else process.env[key] = value;
		rmSync(dir, { recursive: true, force: true });
	});

	/** A request as the package sends it (no probe header). */
	const asPackage = async (method: string, pathAndQuery: string, body?: unknown) =>
		await fetch(`${enneo.fake.instanceUrl}/api/mind${pathAndQuery}`, {
			method,
			headers: { authorization: `Bearer ${enneo.fake.apiKey}`, 'content-type': 'application/json' },
			body: body === undefined ? undefined : JSON.stringify(body),
		});

	test('each request is recorded with its test, fields and findings; the report counts package errors, not probes, and lists unsent optional fields', async () => {
		await asPackage('GET', '/customer/search?q=Sterling&limit=5');
		await asPackage('POST', `/ticket/${ticket()}/forward`, { toEmail: ['a@example.com'] });
		await asPackage('GET', `/ticket/${ticket()}?viewing=false`);
		await send('GET', '/customer/search?limit=0');
		const entries = readLog(dir);
		expect(entries).toHaveLength(4);
		expect(entries[0]).toMatchObject({
			suite: 'unit-contract',
			file: 'test/unit/contract/contract.test.ts',
			test: expect.stringContaining('each request is recorded'),
			probe: false,
			method: 'GET',
			path: '/customer/search',
			rawQuery: 'q=Sterling&limit=5',
			status: 200,
			operation: 'GET /customer/search',
			fields: ['query.q', 'query.limit'],
		});
		expect(entries[1]).toMatchObject({
			status: 400,
			errors: [{ field: 'toEmail', code: 'invalid_type' }],
		});
		expect(entries[3]).toMatchObject({ probe: true, status: 400 });

		const report = buildReport(entries, ENNEO_CONTRACT, dir);
		expect({
			requests: report.requests,
			probes: report.probes,
			errors: report.errors,
			notCovered: report.notCovered,
		}).toEqual({
			requests: 3,
			probes: 1,
			errors: 1,
			notCovered: 1,
		});
		const search = report.operations.find((o) => o.operation === 'GET /customer/search')!;
		expect(search).toMatchObject({
			requests: 1,
			probes: 1,
			fields: { 'query.q': 1, 'query.limit': 1 },
			errors: [],
			unexercised: ['query.offset'],
		});
		const forward = report.operations.find(
			(o) => o.operation === 'POST /ticket/{ticketId}/forward',
		)!;
		expect(forward.errors).toMatchObject([
			{ count: 1, tests: [expect.stringContaining('contract.test.ts › ')] },
		]);
		expect(forward.unexercised).toEqual(['body.body', 'body.subject']);
		const text = formatReport(report);
		expect(text).toContain("CONTRACT ERROR ×1: 'toEmail' must be string");
		expect(text).toContain('Summary: 1 contract error(s), 1 key(s) not covered');
		expect(
			readFileSync(join(dir, 'unit-contract-' + process.pid + '.jsonl'), 'utf8').split('\n'),
		).toHaveLength(5);
	});

	test('fields the node never sends are reported apart from gaps; a wrong entry of that list is reported', async () => {
		await asPackage('GET', '/customer/search?q=Sterling&limit=5');
		await asPackage('GET', '/tag?format=compact&q=VIP');
		const notSent = {
			'GET /customer/search': { 'query.offset': 'pages are not read here' },
			'GET /tag': {
				'query.q': 'the dropdown loads the whole list',
				'query.nothing': 'no such parameter',
			},
		};
		const report = buildReport(readLog(dir), ENNEO_CONTRACT, dir, notSent);
		const search = report.operations.find((o) => o.operation === 'GET /customer/search')!;
		expect(search).toMatchObject({
			optionalSent: ['query.limit'],
			notSent: { 'query.offset': 'pages are not read here' },
			unexercised: [],
			listWrong: [],
		});
		const tag = report.operations.find((o) => o.operation === 'GET /tag')!;
		expect(tag.unexercised).toEqual(['query.type', 'query.includeDisabled']);
		expect(tag.listWrong).toEqual([
			'query.q: listed as never sent, but a test sent it',
			'query.nothing: listed as never sent, but not an optional field of the operation',
		]);
		expect(report.listWrong).toBe(2);
		expect(report.gaps).toBeGreaterThanOrEqual(2);
		const text = formatReport(report);
		expect(text).toContain('never sent by the node: query.offset');
		expect(text).toContain('GAP: optional fields no test sent: query.type, query.includeDisabled');
		expect(text).toContain('WRONG ENTRY in notSentByNode.ts: query.nothing');
		const table = formatMarkdown(report);
		expect(table).toContain(
			'| `GET /customer/search` | full | `query.limit` | `query.offset` | none |',
		);
		expect(table).toContain('  - `query.offset`: pages are not read here');
	});

	test('the table in docs/enneo-api-notes.md is the one a complete suite gives (regenerate: the command in its first line)', () => {
		const notes = readFileSync(NOTES_FILE, 'utf8');
		const table = notes.slice(
			notes.indexOf(TABLE_START),
			notes.indexOf(TABLE_END) + TABLE_END.length,
		);
		expect(table).toBe(formatMarkdown(completeReport()));
	});

	test('ENNEO_OPENAPI: the same recorded requests checked against an OpenAPI document ($ref, nullable, allOf, additionalProperties)', async () => {
		const contract = contractFromOpenApi(await loadOpenApiDocument(FIXTURE), FIXTURE);
		const at = (method: string, path: string, rawQuery = '', body?: unknown) =>
			checkRequest(contract, { method, path, rawQuery, body });
		expect(contract.operations.map((o) => o.key).sort()).toEqual([
			'GET /customer/search',
			'PATCH /ticket/{ticketId}',
			'POST /telephony/callCompleted',
			'POST /ticket/{ticketId}/forward',
		]);
		expect(at('GET', '/customer/search', 'q=x&limit=1000&offset=0').errors).toEqual([]);
		expect(at('GET', '/customer/search', 'q=x&limit=1001').errors).toMatchObject([
			{ field: 'limit', code: 'out_of_range' },
		]);
		expect(at('GET', '/customer/search', 'q=x&includeRawData=true').errors).toMatchObject([
			{ field: 'includeRawData', code: 'unknown_query' },
		]);
		expect(
			at('POST', '/ticket/5/forward', '', { toEmail: ['a@example.com'] }).errors,
		).toMatchObject([{ field: 'toEmail', code: 'invalid_type' }]);
		expect(
			at('POST', '/ticket/5/forward', '', { toEmail: 'a@example.com', cc: 'b@example.com' }).errors,
		).toMatchObject([{ field: 'cc', code: 'unknown_field' }]);
		expect(
			at('POST', '/telephony/callCompleted', '', {
				channelId: 'c1',
				ticketId: null,
				transcript: [{ speaker: 'agent', message: 'hi' }],
				totalDurationSeconds: null,
			}).errors,
		).toEqual([]);
		expect(
			at('POST', '/telephony/callCompleted', '', {
				ticketId: 5,
				transcript: [{ speaker: 'agent', text: 'hi' }],
			}).errors,
		).toMatchObject([
			{ field: 'channelId', code: 'missing_field' },
			{ field: 'transcript[0].text', code: 'unknown_field' },
		]);
		expect(at('POST', '/telephony/callCompleted').errors).toMatchObject([{ code: 'missing_body' }]);
		const patch = at('PATCH', '/ticket/5', '', {
			status: 'open',
			tagIds: 'all',
			aiSupportLevel: 'human',
		});
		expect({ errors: patch.errors, notCovered: patch.notCovered.map((f) => f.field) }).toEqual({
			errors: [],
			notCovered: ['aiSupportLevel'],
		});
		expect(at('PATCH', '/ticket/5', '', { tagIds: 5 }).errors).toMatchObject([
			{ field: 'tagIds', code: 'invalid_type' },
		]);

		await asPackage('GET', '/customer/search?q=Sterling&includeRawData=true');
		const report = buildReport(readLog(dir), contract, dir);
		expect(report.contract).toBe(FIXTURE);
		expect(report.errors).toBe(1);
		expect(
			report.operations.find((o) => o.operation === 'GET /customer/search')!.errors,
		).toMatchObject([{ finding: "unknown query parameter 'includeRawData'", count: 1 }]);
	});

	test('ENNEO_OPENAPI from a URL: one GET with the key as Bearer to that URL only; a redirect is refused, not followed', async () => {
		const seen: Array<{ url?: string; authorization?: string }> = [];
		const server = createServer((req, res) => {
			seen.push({ url: req.url, authorization: req.headers.authorization });
			if (req.url === '/moved') {
				res.writeHead(302, { location: 'https://elsewhere.example/api/mind/docs/open-api' });
				res.end();
				return;
			}
			res.writeHead(200, { 'content-type': 'application/yaml' });
			res.end(readFileSync(FIXTURE));
		});
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
		try {
			const doc = await loadOpenApiDocument(`${base}/api/mind/docs/open-api`, 'instance-key');
			expect(contractFromOpenApi(doc, 'x').operations).toHaveLength(4);
			await expect(loadOpenApiDocument(`${base}/moved`, 'instance-key')).rejects.toThrow(
				/302.*not sent along redirects/,
			);
			expect(seen).toEqual([
				{ url: '/api/mind/docs/open-api', authorization: 'Bearer instance-key' },
				{ url: '/moved', authorization: 'Bearer instance-key' },
			]);
		} finally {
			server.close();
		}
	});

	test('a document that is not OpenAPI 3 is refused with what it is', () => {
		expect(() => contractFromOpenApi({ swagger: '2.0', paths: {} }, 'old.json')).toThrow(
			/not an OpenAPI 3 document/,
		);
		expect(() => contractFromOpenApi([], 'list.json')).toThrow(/no "paths"/);
	});
});
