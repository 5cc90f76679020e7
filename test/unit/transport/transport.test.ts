/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets -- fixture keys for the fake Enneo, not secrets */
import type { INode } from 'n8n-workflow';

import { enneoBaseUrl } from '../../../nodes/enneoApi/baseUrl';
import { enneoApiError, extractEnneoError } from '../../../nodes/enneoApi/errors';
import { parseRetryAfter, RETRY_POLICY } from '../../../nodes/enneoApi/request';

const node: INode = {
	id: 'n',
	name: 'Enneo',
	type: 'n8n-nodes-enneo.enneo',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};

describe('enneoBaseUrl', () => {
	test.each([
		['demo.enneo.ai', 'https://demo.enneo.ai/api/mind'],
		['  demo.enneo.ai  ', 'https://demo.enneo.ai/api/mind'],
		['https://demo.enneo.ai/', 'https://demo.enneo.ai/api/mind'],
		['https://demo.enneo.ai///', 'https://demo.enneo.ai/api/mind'],
		['https://demo.enneo.ai/api/mind', 'https://demo.enneo.ai/api/mind'],
		['https://demo.enneo.ai/api/mind/', 'https://demo.enneo.ai/api/mind'],
		['HTTPS://Demo.Enneo.ai/API/MIND', 'HTTPS://Demo.Enneo.ai/api/mind'],
		['http://127.0.0.1:8005', 'http://127.0.0.1:8005/api/mind'],
		['http://localhost:8005/api/mind', 'http://localhost:8005/api/mind'],
	])('%j → %s', (input, expected) => {
		expect(enneoBaseUrl(input)).toBe(expected);
	});
});

describe('parseRetryAfter', () => {
	const now = Date.parse('2026-10-01T08:00:00Z');
	test.each([
		['2', 2000],
		['0', 0],
		['1.5', 1500],
		[' 3 ', 3000],
		[['4', '9'], 4000],
		[7, 7000],
		['Thu, 01 Oct 2026 08:00:10 GMT', 10_000],
		['Thu, 01 Oct 2026 07:59:00 GMT', 0],
	])('%j → %d ms', (value, expected) => {
		expect(parseRetryAfter(value, now)).toBe(expected);
	});

	test.each([undefined, null, '', 'soon', '-1'])('%j is unusable → undefined', (value) => {
		expect(parseRetryAfter(value, now)).toBeUndefined();
	});

	test('retries are bounded in count and total wait', () => {
		expect(RETRY_POLICY.maxRetries).toBe(3);
		expect(RETRY_POLICY.retryStatuses).toEqual([429, 502, 503, 504]);
		expect(RETRY_POLICY.maxTotalWaitMs).toBeLessThanOrEqual(60_000);
	});
});

describe('extractEnneoError', () => {
	test.each([
		['empty body', '', {}],
		['null', null, {}],
		[
			'{success, code, message}',
			{ success: false, code: 'ticket_not_found', message: 'Ticket 1 not found' },
			{ message: 'Ticket 1 not found', code: 'ticket_not_found', details: undefined },
		],
		[
			'{error: "text"}',
			{ error: 'Something broke' },
			{ message: 'Something broke', code: undefined, details: undefined },
		],
		[
			'{error: {message, code}}',
			{ error: { message: 'Nested', code: 42 } },
			{ message: 'Nested', code: '42', details: undefined },
		],
		[
			'{msg}',
			{ msg: 'Short form' },
			{ message: 'Short form', code: undefined, details: undefined },
		],
		[
			'{detail}',
			{ detail: 'Problem detail' },
			{ message: 'Problem detail', code: undefined, details: undefined },
		],
		[
			'violations with propertyPath',
			{
				message: 'Validation failed',
				violations: [{ propertyPath: 'name', message: 'must not be blank' }, 'plain text'],
			},
			{
				message: 'Validation failed',
				code: undefined,
				details: ['name: must not be blank', 'plain text'],
			},
		],
		[
			'errors with field/title',
			{ errors: [{ field: 'dueBy', title: 'in the past' }] },
			{ message: undefined, code: undefined, details: ['dueBy: in the past'] },
		],
		[
			'JSON in a string',
			'{"message":"from text","code":"x"}',
			{ message: 'from text', code: 'x', details: undefined },
		],
		['plain text', 'Service Unavailable', { message: 'Service Unavailable' }],
		['an HTML error page', '<!DOCTYPE html><html><body>502 Bad Gateway</body></html>', {}],
		['broken JSON text', '{"message": ', { message: '{"message":' }],
		['a number', 42, { message: '42' }],
	])('%s', (_name, body, expected) => {
		expect(extractEnneoError(body)).toEqual(expected);
	});

	test('long plain text is cut to 500 characters', () => {
		expect(extractEnneoError('x'.repeat(2000)).message).toHaveLength(500);
	});
});

describe('enneoApiError', () => {
	test('keeps the HTTP status, Enneo message and code, and redacts the key everywhere', () => {
		const key = 'eyJhbGciOiJIUzI1NiJ9.secret.signature';
		const error = enneoApiError(
			node,
			400,
			{ message: `bad key ${key}`, code: 'bad', echo: { authorization: `Bearer ${key}` } },
			{
				method: 'GET',
				endpoint: '/ticket/1',
				area: 'ticket',
				itemIndex: 2,
				secrets: [key],
			},
		);
		expect(error.httpCode).toBe('400');
		expect(error.message).toBe(
			'Enneo rejected the request as invalid (400): bad key ***, code bad',
		);
		expect(error.context.itemIndex).toBe(2);
		expect(JSON.stringify(error)).not.toContain(key);
		expect(JSON.stringify(error)).not.toContain('secret.signature');
	});

	test('403 in the telephony hooks explains the instance setting, elsewhere the permission', () => {
		const hook = enneoApiError(node, 403, '', {
			method: 'POST',
			endpoint: '/telephony/callReceived',
			area: 'telephonyHook',
		});
		const other = enneoApiError(node, 403, '', {
			method: 'GET',
			endpoint: '/customer/1',
			area: 'customer',
		});
		expect(hook.message).toBe(
			'This Enneo instance does not let an API key call the telephony hooks (403)',
		);
		expect(other.message).toBe('Enneo denied this action (403)');
		expect(other.description).toContain('creating a new key will not help');
	});

	test('429 and 5xx mention how often it was retried', () => {
		expect(
			enneoApiError(node, 429, '', { method: 'GET', endpoint: '/x', retries: 3 }).description,
		).toContain('gave up after 3 retries');
		expect(
			enneoApiError(node, 504, '', { method: 'GET', endpoint: '/x', retries: 2 }).description,
		).toContain('(after 2 retries)');
	});
});
