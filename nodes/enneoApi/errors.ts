import type { INode, JsonObject } from 'n8n-workflow';
import { jsonParse, NodeApiError } from 'n8n-workflow';

/** Which part of Enneo a request touched; used to give a 403/404 a message a user can act on. */
export type EnneoArea =
	| 'ticket'
	| 'conversation'
	| 'telephony'
	| 'telephonyHook'
	| 'customer'
	| 'contract'
	| 'lookup'
	| 'profile'
	| 'event';

export interface EnneoErrorContext {
	method: string;
	endpoint: string;
	area?: EnneoArea;
	itemIndex?: number;
	/** Secrets that must never appear in a message (the API key). */
	secrets?: string[];
	retries?: number;
}

/** Pulls Enneo's own message and code out of whatever error body shape it sent. */
export function extractEnneoError(body: unknown): {
	message?: string;
	code?: string;
	details?: string[];
} {
	if (body === undefined || body === null || body === '') return {};
	if (typeof body === 'string') {
		const text = body.trim();
		if (text.startsWith('{') || text.startsWith('[')) {
			// Text that only looks like JSON comes back as the text: then the text is the message.
			const parsed = jsonParse<unknown>(text, { fallbackValue: text });
			if (parsed !== text) return extractEnneoError(parsed);
		}
		// HTML error pages from proxies say nothing useful beyond the status.
		if (/^<(!doctype|html)/i.test(text)) return {};
		return { message: text.slice(0, 500) };
	}
	if (typeof body !== 'object') return { message: String(body) };
	const record = body as Record<string, unknown>;
	const nested = record.error;
	let message: string | undefined;
	let code: string | undefined;
	if (typeof nested === 'string') message = nested;
	if (nested && typeof nested === 'object') {
		const inner = nested as Record<string, unknown>;
		if (typeof inner.message === 'string') message = inner.message;
		if (inner.code !== undefined) code = String(inner.code);
	}
	if (typeof record.message === 'string') message = record.message;
	if (!message && typeof record.msg === 'string') message = record.msg;
	if (!message && typeof record.detail === 'string') message = record.detail;
	if (record.code !== undefined && record.code !== null) code = String(record.code);
	const details: string[] = [];
	for (const key of ['violations', 'errors']) {
		const list = record[key];
		if (Array.isArray(list)) {
			for (const entry of list) {
				if (typeof entry === 'string') details.push(entry);
				else if (entry && typeof entry === 'object') {
					const e = entry as Record<string, unknown>;
					const field = e.propertyPath ?? e.field ?? e.path;
					const text = e.message ?? e.title ?? JSON.stringify(e);
					details.push(field ? `${String(field)}: ${String(text)}` : String(text));
				}
			}
		}
	}
	return { message, code, details: details.length ? details : undefined };
}

function redact(text: string, secrets: string[] = []): string {
	let out = text;
	for (const secret of secrets) {
		if (secret && secret.length >= 4) out = out.split(secret).join('***');
	}
	// Never echo a bearer token, whatever it is.
	return out.replace(/Bearer\s+[A-Za-z0-9._~+/=-]+/g, 'Bearer ***');
}

function hintFor(
	status: number,
	context: EnneoErrorContext,
): { message: string; description: string } {
	const what = `${context.method} ${context.endpoint}`;
	switch (status) {
		case 400:
			return {
				message: 'Enneo rejected the request as invalid (400)',
				description: `Enneo did not accept the values sent to ${what}. Check the field named in Enneo's message and correct it in the node.`,
			};
		case 401:
			return {
				message: 'Enneo rejected the API key (401)',
				description:
					'The API key is missing, wrong, expired or revoked. Create a new key in Enneo (Settings → Users → Service workers → Create API Key, or your profile → API keys) and update the "Enneo API" credential.',
			};
		case 403:
			if (context.area === 'telephonyHook') {
				return {
					message: 'This Enneo instance does not let an API key call the telephony hooks (403)',
					description:
						"Some Enneo instances reserve callReceived, agentConnected, callCompleted and getRouting for Enneo's built-in telephony integration (internal token only). Ask your Enneo admin to enable these telephony endpoints for API keys on your instance, or to give the key's user the telephony permissions; otherwise use Enneo's native telephony integration.",
				};
			}
			if (context.area === 'event') {
				return {
					message:
						"The API key's user may not read Enneo events (403): the permission 'events' is missing",
					description:
						"Enneo's event search needs the permission 'events'. Ask your Enneo admin to grant it to the role of the key's user (for a service worker: Settings → Users → Service workers), then publish the workflow again; creating a new key will not help.",
				};
			}
			if (context.area === 'ticket' || context.area === 'conversation') {
				return {
					message: 'Enneo denied access to this ticket (403)',
					description:
						"The ticket may exist but be hidden from the API key's user: tickets carrying a required tag are only visible to users with that skill (ticket visibility), or the user lacks the permission for this action. Ask your Enneo admin to add the tag to the user's skills or grant the permission; retrying with the same key will not help.",
				};
			}
			return {
				message: 'Enneo denied this action (403)',
				description:
					"The API key works but its user lacks the permission for this action, or the feature is switched off on this instance. Ask your Enneo admin to grant the permission to the key's user; creating a new key will not help.",
			};
		case 404: {
			const area =
				context.area && context.area !== 'lookup'
					? context.area.replace('telephonyHook', 'call')
					: 'resource';
			return {
				message: `The ${area} was not found in Enneo (404)`,
				description: `Enneo has no ${area} at ${what}. Check the ID (and that the Instance URL points to the right Enneo instance).`,
			};
		}
		case 409:
			return {
				message: 'Enneo reported a conflict (409)',
				description: 'The object changed in the meantime. Read it again and retry the change.',
			};
		case 422:
			return {
				message: 'Enneo could not process the values sent (422)',
				description: "Enneo's validation failed; the details below name the fields to fix.",
			};
		case 429:
			return {
				message: 'Enneo is rate-limiting requests (429)',
				description: `Too many requests${context.retries ? ` (gave up after ${context.retries} retries)` : ''}. Process fewer items per run, add a Wait node between batches, or retry later.`,
			};
		default:
			if (status >= 500) {
				return {
					message: `Enneo failed to answer (${status})`,
					description: `The Enneo instance failed to answer ${what}${context.retries ? ` (after ${context.retries} retries)` : ''}. Retry later; if it persists, contact Enneo support with the time of the run.`,
				};
			}
			return {
				message: `Enneo answered with HTTP ${status}`,
				description: `Unexpected answer to ${what}.`,
			};
	}
}

/** The one place an Enneo HTTP error becomes a NodeApiError. */
export function enneoApiError(
	node: INode,
	status: number,
	body: unknown,
	context: EnneoErrorContext,
): NodeApiError {
	const enneo = extractEnneoError(body);
	const hint = hintFor(status, context);
	const enneoText = [enneo.message, enneo.code ? `code ${enneo.code}` : undefined]
		.filter(Boolean)
		.join(', ');
	const message = redact(
		enneoText ? `${hint.message}: ${enneoText}` : hint.message,
		context.secrets,
	);
	const detailText = enneo.details?.length ? ` Details: ${enneo.details.join('; ')}` : '';
	const description = redact(`${hint.description}${detailText}`, context.secrets);
	const safeBody =
		typeof body === 'string'
			? redact(body.slice(0, 2000), context.secrets)
			: body === undefined
				? null
				: (JSON.parse(redact(JSON.stringify(body), context.secrets)) as unknown);
	const errorResponse: JsonObject = {
		httpCode: String(status),
		method: context.method,
		endpoint: context.endpoint,
		enneoMessage: enneo.message ? redact(enneo.message, context.secrets) : null,
		enneoCode: enneo.code ?? null,
		body: (safeBody ?? null) as JsonObject,
	};
	return new NodeApiError(node, errorResponse, {
		message,
		description,
		httpCode: String(status),
		itemIndex: context.itemIndex,
	});
}
