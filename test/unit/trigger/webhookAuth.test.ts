/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets -- fixture keys for the fake Enneo, not secrets */
import { checkWebhookAuth, secretsEqual } from '../../../nodes/EnneoTrigger/webhook/webhookAuth';

const SECRET = 'a3f9c1d2e4b5a6c7d8e9f0a1';
const basic = (user: string, password: string) =>
	`Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
const request = (
	query: Record<string, unknown> = {},
	headers: Record<string, string | string[]> = {},
) => ({ query, headers });

describe('webhook authentication', () => {
	test('secrets compare equal only when identical, whatever their lengths', () => {
		expect(secretsEqual(SECRET, SECRET)).toBe(true);
		expect(secretsEqual(SECRET, SECRET.slice(0, -1))).toBe(false);
		expect(secretsEqual('', SECRET)).toBe(false);
		expect(secretsEqual(SECRET + 'x', SECRET)).toBe(false);
	});

	test('None lets every request through', () => {
		expect(checkWebhookAuth({ mode: 'none' }, request())).toEqual({ ok: true });
	});

	test('Query Token accepts the right token in the configured parameter', () => {
		expect(
			checkWebhookAuth(
				{ mode: 'queryToken', secret: SECRET, queryParameter: 'key' },
				request({ key: SECRET }),
			),
		).toEqual({ ok: true });
	});

	test.each([
		[{}, 'missingToken'],
		[{ token: 'wrong' }, 'invalidToken'],
		[{ token: SECRET.toUpperCase() }, 'invalidToken'],
		[{ token: [SECRET, SECRET] }, 'missingToken'],
	])('Query Token refuses %j with 401 %s', (query, code) => {
		const result = checkWebhookAuth({ mode: 'queryToken', secret: SECRET }, request(query));
		expect(result).toMatchObject({ ok: false, status: 401, code });
		expect(JSON.stringify(result)).not.toContain(SECRET);
	});

	test('Header Token reads the header in any case, and a Bearer prefix in Authorization', () => {
		expect(
			checkWebhookAuth(
				{ mode: 'headerToken', secret: SECRET, headerName: 'X-Webhook-Token' },
				request({}, { 'x-webhook-token': SECRET }),
			),
		).toEqual({ ok: true });
		expect(
			checkWebhookAuth(
				{ mode: 'headerToken', secret: SECRET, headerName: 'Authorization' },
				request({}, { authorization: `Bearer ${SECRET}` }),
			),
		).toEqual({ ok: true });
		expect(
			checkWebhookAuth(
				{ mode: 'headerToken', secret: SECRET },
				request({}, { 'x-webhook-token': 'nope' }),
			),
		).toMatchObject({ ok: false, code: 'invalidToken' });
		expect(
			checkWebhookAuth({ mode: 'headerToken', secret: SECRET }, request({ token: SECRET })),
		).toMatchObject({ ok: false, code: 'missingToken' });
	});

	test('Basic Auth needs both user and password right, and challenges the client', () => {
		const settings = { mode: 'basicAuth' as const, secret: SECRET, user: 'telephony' };
		expect(
			checkWebhookAuth(settings, request({}, { authorization: basic('telephony', SECRET) })),
		).toEqual({ ok: true });
		expect(
			checkWebhookAuth(settings, request({}, { authorization: basic('telephony', 'wrong') })),
		).toMatchObject({ ok: false, code: 'invalidCredentials' });
		expect(
			checkWebhookAuth(settings, request({}, { authorization: basic('other', SECRET) })),
		).toMatchObject({ ok: false, code: 'invalidCredentials' });
		const missing = checkWebhookAuth(settings, request());
		expect(missing).toMatchObject({ ok: false, status: 401, code: 'missingCredentials' });
		expect(missing.ok ? '' : missing.challenge).toContain('Basic realm=');
	});

	test('a mode that needs a secret fails closed with 500 when none is configured', () => {
		expect(
			checkWebhookAuth({ mode: 'queryToken', secret: '' }, request({ token: '' })),
		).toMatchObject({ ok: false, status: 500, code: 'authNotConfigured' });
	});
});
