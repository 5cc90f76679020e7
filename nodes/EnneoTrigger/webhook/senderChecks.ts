import type { IDataObject } from 'n8n-workflow';

import { toE164 } from '../../values/phone';
import { toStringList } from '../../values/values';
import { dialKey, isDialledLine } from '../rules/routingRules';
import type { CallInBoundRequest } from './callEvent';

/**
 * Sender checks: the telephony platform signs nothing, but a real call carries what only the real
 * platform knows, the SdkAppId of the user's app and one of the user's numbers as Callee. Both are
 * optional (Options → Expected SdkAppId, Dialled Numbers); empty accepts every call.
 */
export interface SenderChecks {
	sdkAppId?: number;
	/** Dial keys of the user's numbers (see dialKey). */
	lines?: string[];
}

export type ReadSenderChecks = { ok: true; checks: SenderChecks } | { ok: false; message: string };

/** At most this many numbers are read from Dialled Numbers. */
const MAX_LINES = 200;
const MAX_TEXT = 8000;

/** Reads Options → Expected SdkAppId and Dialled Numbers; a broken value names its field. */
export function readSenderChecks(options: IDataObject): ReadSenderChecks {
	const checks: SenderChecks = {};
	const appId =
		typeof options.expectedSdkAppId === 'number'
			? String(options.expectedSdkAppId)
			: typeof options.expectedSdkAppId === 'string'
				? options.expectedSdkAppId.trim()
				: '';
	if (appId && appId !== '0') {
		if (!/^\d{1,15}$/.test(appId))
			return {
				ok: false,
				message: `"Expected SdkAppId" must be the app's number from the telephony platform's console, e.g. 1400692008, got ${JSON.stringify(appId.slice(0, 40))}`,
			};
		checks.sdkAppId = Number(appId);
	}
	const text = typeof options.dialledNumbers === 'string' ? options.dialledNumbers : '';
	if (text.trim()) {
		if (text.length > MAX_TEXT)
			return { ok: false, message: `"Dialled Numbers" is longer than ${MAX_TEXT} characters` };
		const entries = toStringList(text);
		if (entries.length > MAX_LINES)
			return { ok: false, message: `"Dialled Numbers" lists more than ${MAX_LINES} numbers` };
		const lines: string[] = [];
		for (const entry of entries) {
			const key = dialKey(entry);
			if (key.replace('+', '').length < 3)
				return {
					ok: false,
					message: `"Dialled Numbers": ${JSON.stringify(entry.slice(0, 40))} is not a phone number (e.g. +8675566668888)`,
				};
			lines.push(key);
		}
		checks.lines = lines;
	}
	return { ok: true, checks };
}

/** Which check refused the call (for the log only: the caller learns nothing). */
export function failedSenderCheck(
	checks: SenderChecks,
	call: Pick<CallInBoundRequest, 'sdkAppId' | 'callee'>,
	defaultCountryCode?: string,
): 'SdkAppId' | 'Callee' | undefined {
	if (checks.sdkAppId !== undefined && call.sdkAppId !== checks.sdkAppId) return 'SdkAppId';
	if (
		checks.lines &&
		!isDialledLine(checks.lines, call.callee, toE164(call.callee, defaultCountryCode) ?? null)
	)
		return 'Callee';
	return undefined;
}
