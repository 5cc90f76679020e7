import type { IExecuteFunctions } from 'n8n-workflow';

import { itemError } from './itemError';
/** Longest phone value read at all; E.164 has at most 15 digits, so this leaves room for formatting. */
export const MAX_PHONE_LENGTH = 64;

/** Strips a trailing extension (`ext. 12`, `x12`, `#12`) without a backtracking regex. */
function stripExtension(text: string): string {
	let end = text.length;
	while (end > 0 && text.charCodeAt(end - 1) >= 48 && text.charCodeAt(end - 1) <= 57) end--;
	if (end === text.length) return text;
	const head = text.slice(0, end).trimEnd();
	const lower = head.toLowerCase();
	for (const marker of ['ext.', 'ext', 'x', '#']) {
		if (lower.endsWith(marker)) return head.slice(0, head.length - marker.length).trimEnd();
	}
	return text;
}

/**
 * Normalises a phone number as people type it (spaces, dashes, brackets, `0049…`, `+49…`,
 * `+49 (0)30…`) to E.164 (`+4930123456`). National numbers (leading trunk `0`) need
 * `defaultCountryCode` (digits only, e.g. `49`), which replaces that `0`.
 * Bare digits of international length (11 or more, the way Enneo stores customer phones, e.g.
 * 4915112345678) already carry a country code and are never prefixed; shorter bare digits are a
 * national number without its trunk `0` and get `defaultCountryCode`.
 * Returns undefined for empty input and null when the input cannot be a phone number
 * (anonymous, SIP URIs, short service numbers, values longer than MAX_PHONE_LENGTH).
 */
export function toE164(input: unknown, defaultCountryCode?: string): string | null | undefined {
	if (input === undefined || input === null) return undefined;
	if (typeof input !== 'string' && typeof input !== 'number') return null;
	const raw = String(input);
	if (raw.length > MAX_PHONE_LENGTH) return null;
	let text = raw.trim();
	if (!text) return undefined;
	text = stripExtension(text);
	if (/[^\d\s+().\-/]/.test(text) || (text.match(/\+/g) ?? []).length > 1 || /.\+/.test(text))
		return null;
	const cc = String(defaultCountryCode ?? '').replace(/\D/g, '');
	let digits: string;
	if (text.startsWith('+')) {
		// "+49 (0)30 …": the bracketed trunk zero is not dialled from abroad.
		const trunk = /^\+\s*(\d{1,3})\s*\(0\)(.*)$/.exec(text);
		digits = trunk ? trunk[1] + trunk[2].replace(/\D/g, '') : text.replace(/\D/g, '');
	} else {
		digits = text.replace(/\D/g, '');
		if (digits.startsWith('00')) digits = digits.slice(2);
		else if (digits.startsWith('0')) {
			if (!cc) return null;
			digits = cc + digits.slice(1);
		} else if (typeof input === 'number' || digits.length >= 11 || (!cc && digits.length >= 10)) {
			// Already international, just without "+".
		} else if (cc) {
			digits = cc + digits;
		} else {
			return null;
		}
	}
	if (digits.length < 8 || digits.length > 15 || digits.startsWith('0')) return null;
	return `+${digits}`;
}

/** One way of writing a number in a search, and which one it is. */
export interface PhoneForm {
	form: 'digits' | 'e164' | 'national';
	query: string;
}

/**
 * The forms a phone number may be stored in, most likely first: digits without "+" (how Enneo
 * stores customer phones), E.164, and the national form with a trunk 0 when the number belongs to
 * the default country. Empty when the text is not a phone number.
 */
export function phoneSearchForms(text: string, defaultCountryCode?: string): PhoneForm[] {
	const e164 = toE164(text, defaultCountryCode);
	if (!e164) return [];
	const forms: PhoneForm[] = [
		{ form: 'digits', query: e164.slice(1) },
		{ form: 'e164', query: e164 },
	];
	const cc = String(defaultCountryCode ?? '').replace(/\D/g, '');
	if (cc && e164.startsWith(`+${cc}`))
		forms.push({ form: 'national', query: `0${e164.slice(1 + cc.length)}` });
	return forms;
}

/** Whether a free-text value is meant as a phone number (as opposed to a name or a numeric ID). */
export function looksLikePhoneNumber(text: string): boolean {
	const value = text.trim();
	return /^(\+|0)[\d\s().\-/]{6,}$/.test(value) && value.replace(/\D/g, '').length >= 7;
}

/**
 * Reads a phone number parameter value: E.164 when it is a dialable number, otherwise the value as
 * given (trimmed), since telephony platforms report anonymous, withheld, SIP and short service
 * numbers that must still be recorded. Undefined when empty. Throws, naming the field and the item,
 * only for values no phone field can hold (objects, or longer than MAX_PHONE_LENGTH).
 */
export function readPhoneNumber(
	this: IExecuteFunctions,
	value: unknown,
	field: string,
	itemIndex: number,
	defaultCountryCode?: string,
): string | undefined {
	const text =
		typeof value === 'string' || typeof value === 'number' ? String(value).trim() : undefined;
	if (text === undefined && value !== undefined && value !== null) {
		throw itemError(
			this.getNode(),
			`"${field}" must be a phone number as text`,
			itemIndex,
			`Got ${typeof value}. Map a single value, e.g. {{ $json.callerNumber }}, or enter a number such as +49 30 123456.`,
		);
	}
	if (text !== undefined && text.length > MAX_PHONE_LENGTH) {
		throw itemError(
			this.getNode(),
			`"${field}" is longer than ${MAX_PHONE_LENGTH} characters`,
			itemIndex,
			'Enter the phone number only, e.g. +49 30 123456.',
		);
	}
	const e164 = toE164(text, defaultCountryCode);
	return e164 === null ? text : e164;
}
