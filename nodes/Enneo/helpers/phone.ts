/**
 * Normalises a phone number as people type it (spaces, dashes, brackets, `0049…`, `+49…`)
 * to E.164 (`+4930123456`). Numbers without a country prefix get `defaultCountryCode`
 * (digits only, e.g. `49`) when one is given, replacing a single leading trunk `0`.
 * Returns null when the input cannot be a phone number.
 */
export function toE164(input: unknown, defaultCountryCode?: string): string | null {
	if (input === undefined || input === null) return null;
	let text = String(input).trim();
	if (!text) return null;
	// Extensions and labels are not part of the number.
	text = text.replace(/\s*(ext\.?|x|#)\s*\d+$/i, '');
	if (/[^\d\s+().\-/]/.test(text)) return null;
	const hasPlus = text.startsWith('+');
	let digits = text.replace(/\D/g, '');
	if (hasPlus) {
		// "+49 (0)30 …" — the bracketed trunk zero is not dialled internationally.
		if (/^\+\d{1,3}\s*\(0\)/.test(text)) digits = digits.replace(/^(\d{1,3})0/, '$1');
	} else if (digits.startsWith('00')) {
		digits = digits.slice(2);
	} else if (defaultCountryCode) {
		const cc = defaultCountryCode.replace(/\D/g, '');
		digits = cc + digits.replace(/^0/, '');
	} else if (typeof input === 'number' || /^[1-9]\d{7,14}$/.test(digits)) {
		// A bare international number (Enneo's customer examples store phones as numbers).
	} else {
		return null;
	}
	if (digits.length < 7 || digits.length > 15 || digits.startsWith('0')) return null;
	return `+${digits}`;
}
