/**
 * Finds a ringing caller among Enneo's customers for the trigger's routing rules: the same phone
 * forms as Customer → Search (digits as Enneo stores them, then E.164, then national), one request
 * at a time within a time budget, no retries, and a bounded per-process cache of recent callers
 * (with in-flight sharing) so a burst of calls from one number costs one lookup.
 */
import type { IDataObject, IWebhookFunctions } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import { lacksTags, shapeCustomer } from '../../shaping/customer';
import { withCustomerTags } from '../../enneoApi/customers';
import type { PhoneForm } from '../../values/phone';
import { phoneSearchForms } from '../../values/phone';
import { enneoApiRequest } from '../../enneoApi/request';
import type { CustomerFacts } from './routingRules';

/** How long one shared search may run, whatever the budget of the call that started it. */
const SEARCH_LIMIT_MS = 4_000;

export type LookupStatus = 'found' | 'notFound' | 'noNumber' | 'timeout' | 'failed';

export interface CallerLookup {
	status: LookupStatus;
	customer: CustomerFacts | null;
	/** The customer as Enneo returned it, with fullName/tagNames/tagIds. */
	record?: IDataObject;
	matchedPhone?: PhoneForm;
	requests: number;
	cached: boolean;
	ms: number;
	error?: string;
}

interface CacheEntry {
	at: number;
	result: Omit<CallerLookup, 'cached' | 'ms'>;
}

/** Recent callers, oldest first; bounded in size and age. Failures are not cached. */
export class CallerCache {
	private readonly entries = new Map<string, CacheEntry>();

	private readonly inFlight = new Map<string, Promise<Omit<CallerLookup, 'cached' | 'ms'>>>();

	constructor(
		private readonly maxEntries = 5_000,
		private readonly now: () => number = () => Date.now(),
	) {}

	get size(): number {
		return this.entries.size;
	}

	get(key: string, ttlMs: number): CacheEntry | undefined {
		const entry = this.entries.get(key);
		if (!entry) return undefined;
		if (this.now() - entry.at > ttlMs) {
			this.entries.delete(key);
			return undefined;
		}
		return entry;
	}

	set(key: string, result: Omit<CallerLookup, 'cached' | 'ms'>): void {
		this.entries.delete(key);
		this.entries.set(key, { at: this.now(), result });
		while (this.entries.size > this.maxEntries) {
			const oldest = this.entries.keys().next().value as string;
			this.entries.delete(oldest);
		}
	}

	/** Runs `load` once per key at a time; concurrent callers share its result. */
	async shared(
		key: string,
		load: () => Promise<Omit<CallerLookup, 'cached' | 'ms'>>,
	): Promise<{ result: Omit<CallerLookup, 'cached' | 'ms'>; joined: boolean }> {
		const running = this.inFlight.get(key);
		if (running) return { result: await running, joined: true };
		const promise = load().finally(() => this.inFlight.delete(key));
		this.inFlight.set(key, promise);
		return { result: await promise, joined: false };
	}

	clear(): void {
		this.entries.clear();
	}
}

/** The one cache of this n8n process. */
export const callerCache = new CallerCache();

function facts(record: IDataObject): CustomerFacts {
	return {
		id: record.id,
		firstName: typeof record.firstname === 'string' ? record.firstname : '',
		lastName: typeof record.lastname === 'string' ? record.lastname : '',
		fullName: typeof record.fullName === 'string' ? record.fullName : '',
		tagNames: Array.isArray(record.tagNames) ? (record.tagNames as string[]) : [],
		tagIds: Array.isArray(record.tagIds) ? (record.tagIds as number[]) : [],
	};
}

async function search(
	context: IWebhookFunctions,
	number: string,
	countryCode: string | undefined,
	deadline: number,
): Promise<Omit<CallerLookup, 'cached' | 'ms'>> {
	const forms = phoneSearchForms(number, countryCode);
	if (!forms.length) return { status: 'noNumber', customer: null, requests: 0 };
	let requests = 0;
	const budget = () => deadline - Date.now();
	for (const form of forms) {
		if (budget() <= 0) return { status: 'timeout', customer: null, requests };
		requests++;
		const rows = await enneoApiRequest.call(context, 'GET', '/customer/search', {
			qs: { q: form.query, limit: 1 },
			area: 'customer',
			timeoutMs: budget(),
			retry: false,
		});
		const first = Array.isArray(rows) ? (rows[0] as IDataObject | undefined) : undefined;
		if (!first) continue;
		let row = first;
		// Tag conditions need the tags; a row without them is completed from the customer record.
		if (lacksTags(row)) {
			if (budget() <= 0) return { status: 'timeout', customer: null, requests };
			requests++;
			row = await withCustomerTags.call(context, row, { timeoutMs: budget(), retry: false });
		}
		const record = shapeCustomer(row, { tagName: '' });
		delete record.isVip;
		return { status: 'found', customer: facts(record), record, matchedPhone: form, requests };
	}
	return { status: 'notFound', customer: null, requests };
}

/**
 * Looks the caller up: the search may take `lookupTimeoutMs`, this call waits at most `timeoutMs`
 * (what is left before its deadline). Never throws: a slow or failing Enneo gives `timeout` /
 * `failed`, which the trigger answers with its fallback.
 */
export async function lookUpCaller(
	context: IWebhookFunctions,
	number: string | null,
	settings: {
		timeoutMs: number;
		lookupTimeoutMs: number;
		cacheTtlMs: number;
		defaultCountryCode?: string;
		cache?: CallerCache;
	},
): Promise<CallerLookup> {
	const started = Date.now();
	const cache = settings.cache ?? callerCache;
	if (!number) return { status: 'noNumber', customer: null, requests: 0, cached: false, ms: 0 };
	const credential =
		context.getNode().credentials?.enneoApi?.id ??
		context.getNode().credentials?.enneoApi?.name ??
		'';
	const key = `${credential}|${settings.defaultCountryCode ?? ''}|${number}`;
	if (settings.cacheTtlMs > 0) {
		const hit = cache.get(key, settings.cacheTtlMs);
		if (hit) return { ...hit.result, requests: 0, cached: true, ms: Date.now() - started };
	}
	// One search per number at a time. It may outlive the call that started it (up to
	// SEARCH_LIMIT_MS), so calls that joined later, and the cache, still get its result; each call
	// waits for it only as long as its own budget allows.
	const searchDeadline = started + Math.max(settings.lookupTimeoutMs, SEARCH_LIMIT_MS);
	const ownBudget = Math.max(0, Math.min(settings.timeoutMs, settings.lookupTimeoutMs));
	try {
		const shared = cache.shared(key, async () => {
			const result = await search(context, number, settings.defaultCountryCode, searchDeadline);
			if (settings.cacheTtlMs > 0 && (result.status === 'found' || result.status === 'notFound'))
				cache.set(key, result);
			return result;
		});
		// After the budget, one more event-loop turn: under load a response that already arrived is
		// still waiting for the I/O phase, which Node runs after the timer that ends the budget.
		const expired = sleep(ownBudget)
			.then(async () => await sleep(1))
			.then(() => undefined);
		const outcome = await Promise.race([shared, expired]);
		// A search still running goes on and fills the cache for the next calls; its failure then is nobody's.
		if (outcome === undefined) {
			shared.catch(() => undefined);
			return {
				status: 'timeout',
				customer: null,
				requests: 0,
				cached: false,
				ms: Date.now() - started,
			};
		}
		const { result, joined } = outcome;
		return {
			...result,
			requests: joined ? 0 : result.requests,
			cached: joined,
			ms: Date.now() - started,
		};
	} catch (error) {
		const message = (error as Error).message ?? String(error);
		const timedOut = /did not answer within/.test(message);
		return {
			status: timedOut ? 'timeout' : 'failed',
			customer: null,
			requests: 1,
			cached: false,
			ms: Date.now() - started,
			error: message.slice(0, 300),
		};
	}
}
