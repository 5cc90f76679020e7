import { createHash, timingSafeEqual } from 'crypto';

/** Shorter secrets are refused at run time as in the credential test: they can be guessed. */
export const MIN_SECRET_LENGTH = 16;

/** Longest token or Authorization header looked at; longer ones are wrong without hashing them. */
const MAX_PRESENTED_LENGTH = 4096;

/** How the telephony platform proves a request is ours to answer. */
export type WebhookAuthMode = 'none' | 'queryToken' | 'headerToken' | 'basicAuth';

export interface WebhookAuthSettings {
	mode: WebhookAuthMode;
	/** The expected secret (token or Basic Auth password). Never logged or echoed. */
	secret?: string;
	/** Basic Auth user name. */
	user?: string;
	/** Query parameter that carries the token (queryToken). */
	queryParameter?: string;
	/** Header that carries the token (headerToken), any case. */
	headerName?: string;
}

export interface WebhookAuthRequest {
	query: Record<string, unknown>;
	headers: Record<string, string | string[] | undefined>;
}

export type WebhookAuthResult =
	| { ok: true }
	| { ok: false; status: 401 | 500; code: string; message: string; challenge?: string };

/** Compares two strings in time independent of where they differ (hashing first evens out lengths). */
export function secretsEqual(given: string, expected: string): boolean {
	const a = createHash('sha256').update(given, 'utf8').digest();
	const b = createHash('sha256').update(expected, 'utf8').digest();
	return timingSafeEqual(a, b);
}

/** One presented value; repeated parameters/headers count as missing, over-long ones as wrong (empty). */
function single(value: unknown): string | undefined {
	const one = Array.isArray(value) ? (value.length === 1 ? value[0] : undefined) : value;
	if (typeof one !== 'string') return undefined;
	return one.length > MAX_PRESENTED_LENGTH ? '' : one;
}

const denied = (code: string, message: string, challenge?: string): WebhookAuthResult => ({
	ok: false,
	status: 401,
	code,
	message,
	challenge,
});

/** Checks one request against the settings; the result never contains the secret. */
export function checkWebhookAuth(
	settings: WebhookAuthSettings,
	request: WebhookAuthRequest,
): WebhookAuthResult {
	if (settings.mode === 'none') return { ok: true };
	const secret = settings.secret ?? '';
	if (!secret) {
		return {
			ok: false,
			status: 500,
			code: 'authNotConfigured',
			message: 'The webhook requires a secret but none is configured in its credential',
		};
	}
	if (secret.length < MIN_SECRET_LENGTH) {
		return {
			ok: false,
			status: 500,
			code: 'authNotConfigured',
			message: `The webhook's secret is shorter than ${MIN_SECRET_LENGTH} characters; set a longer one in its credential`,
		};
	}
	if (settings.mode === 'queryToken') {
		const name = settings.queryParameter || 'token';
		const given = single(request.query[name]);
		if (given === undefined)
			return denied('missingToken', `Missing token: add ?${name}=<secret> to the callback URL`);
		return secretsEqual(given, secret)
			? { ok: true }
			: denied('invalidToken', `Invalid token in query parameter "${name}"`);
	}
	if (settings.mode === 'headerToken') {
		const name = (settings.headerName || 'x-webhook-token').toLowerCase();
		let given = single(request.headers[name]);
		if (given === undefined) return denied('missingToken', `Missing token header "${name}"`);
		// "Authorization: Bearer <secret>" is the usual way to send a token in that header.
		if (name === 'authorization') given = given.replace(/^Bearer\s+/i, '');
		return secretsEqual(given, secret)
			? { ok: true }
			: denied('invalidToken', `Invalid token in header "${name}"`);
	}
	const challenge = 'Basic realm="Enneo inbound call", charset="UTF-8"';
	const header = single(request.headers.authorization);
	const match = header ? /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header) : null;
	if (!match) return denied('missingCredentials', 'Missing Basic Auth credentials', challenge);
	const decoded = Buffer.from(match[1], 'base64').toString('utf8');
	const colon = decoded.indexOf(':');
	const user = colon === -1 ? decoded : decoded.slice(0, colon);
	const password = colon === -1 ? '' : decoded.slice(colon + 1);
	// Both comparisons always run so timing does not reveal which part was wrong.
	const userOk = secretsEqual(user, settings.user ?? '');
	const passwordOk = secretsEqual(password, secret);
	return userOk && passwordOk
		? { ok: true }
		: denied('invalidCredentials', 'Invalid Basic Auth user or password', challenge);
}
