import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/**
 * Normalises a phone number as people type it (spaces, dashes, brackets, `0049…`, `+49…`,
 * `+49 (0)30…`) to E.164 (`+4930123456`). National numbers (leading trunk `0`) need
 * `defaultCountryCode` (digits only, e.g. `49`), which replaces that `0`.
 * Digits without any prefix are read as international when they are long enough
 * (Enneo stores customer phones as numbers like 4915112345678).
 * Returns undefined for empty input and null when the input cannot be a phone number.
 */
export function toE164(input: unknown, defaultCountryCode?: string): string | null | undefined {
	if (input === undefined || input === null) return undefined;
	let text = String(input).trim();
	if (!text) return undefined;
	// Extensions are not part of the number.
	text = text.replace(/\s*(ext\.?|x|#)\s*\d+$/i, '');
	if (/[^\d\s+().\-/]/.test(text) || (text.match(/\+/g) ?? []).length > 1 || /.\+/.test(text)) return null;
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
		} else if (typeof input === 'number' || (cc ? digits.startsWith(cc) && digits.length >= 11 : digits.length >= 10)) {
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

/** Whether a free-text value is meant as a phone number (as opposed to a name or a numeric ID). */
export function looksLikePhoneNumber(text: string): boolean {
	const value = text.trim();
	return /^(\+|0)[\d\s().\-/]{6,}$/.test(value) && value.replace(/\D/g, '').length >= 7;
}

/**
 * Reads a phone number parameter value and returns it in E.164, or undefined when empty.
 * Throws before any request, naming the field and the item, when it is not a phone number.
 */
export function readPhoneNumber(
	this: IExecuteFunctions,
	value: unknown,
	field: string,
	itemIndex: number,
	defaultCountryCode?: string,
): string | undefined {
	const e164 = toE164(value, defaultCountryCode);
	if (e164 === null) {
		const national = /^\s*0[1-9]/.test(String(value)) && !String(defaultCountryCode ?? '').replace(/\D/g, '');
		throw new NodeOperationError(this.getNode(), `"${field}" is not a phone number: ${JSON.stringify(value)} (item ${itemIndex})`, {
			itemIndex,
			description: national
				? 'This looks like a national number. Set Options → "Default Country Code" (e.g. 49) or enter it with the country code, e.g. +49 30 123456.'
				: 'Enter the number with its country code, e.g. +49 30 123456 or 0049 30 123456; spaces, dashes and brackets are fine.',
		});
	}
	return e164;
}
