import type { IExecuteFunctions } from 'n8n-workflow';
import { DateTime } from 'luxon';

import { itemError } from './itemError';
import { isBlank } from './values';

/**
 * One rule for every date the node sends (docs/enneo-api-notes.md#dates): a value without an offset means
 * wall time in the workflow's time zone; a value with an offset, an n8n/luxon DateTime or a JS
 * Date is converted to the workflow's time zone. Enneo's `YYYY-MM-DD HH:MM:SS` fields then carry
 * that wall time, so `{{ $now }}` and a date picker value for the same moment send the same text.
 */

/** Longest date text read; longer input is not a date. */
const MAX_DATE_LENGTH = 64;

/**
 * A date parameter as a DateTime: undefined when blank (isBlank), null when not a date. Numbers (and 9 to 13
 * digits) are seconds or milliseconds since the epoch. Text is read with luxon's ISO, SQL, RFC 2822
 * and HTTP parsers, those n8n-workflow's tryToParseDateTime tries; that function is not used since,
 * when they all fail, it falls back to Date.parse, which reads text without an offset in the n8n
 * server's time zone instead of the workflow's and takes "Ticket 5" for 2001-05-01.
 */
export function parseDateTime(value: unknown, zone = 'utc'): DateTime | undefined | null {
	if (isBlank(value)) return undefined;
	if (DateTime.isDateTime(value)) return value.isValid ? value : null;
	if (value instanceof Date)
		return Number.isNaN(value.getTime()) ? null : DateTime.fromJSDate(value);
	if (typeof value === 'number') {
		if (!Number.isFinite(value)) return null;
		// Seconds or milliseconds since the epoch.
		return DateTime.fromMillis(value < 1e11 ? value * 1000 : value);
	}
	if (typeof value !== 'string' || value.length > MAX_DATE_LENGTH) return null;
	const text = value.trim();
	if (/^\d{9,13}$/.test(text)) return parseDateTime(Number(text), zone);
	let dt = DateTime.fromISO(text, { zone, setZone: true });
	if (!dt.isValid) dt = DateTime.fromSQL(text, { zone, setZone: true });
	if (!dt.isValid) dt = DateTime.fromRFC2822(text, { zone, setZone: true });
	if (!dt.isValid) dt = DateTime.fromHTTP(text, { zone, setZone: true });
	return dt.isValid ? dt : null;
}

/** Enneo's `YYYY-MM-DD HH:MM:SS` (docs/enneo-api-notes.md#dates) in `zone`; undefined when empty, null when not a date. */
export function toEnneoDateTime(value: unknown, zone = 'utc'): string | undefined | null {
	const dt = parseDateTime(value, zone);
	if (dt === undefined || dt === null) return dt;
	return dt.setZone(zone).toFormat('yyyy-MM-dd HH:mm:ss');
}

/** ISO 8601 in UTC (transcript timestamps); a value without an offset is read in `zone`. */
export function toIsoDateTime(value: unknown, zone = 'utc'): string | undefined | null {
	const dt = parseDateTime(value, zone);
	if (dt === undefined || dt === null) return dt;
	return dt.toUTC().toISO({ suppressMilliseconds: true });
}

/** Search filters accept dates or Enneo's relative tokens (`-7 DAY`, `CURRENT_DATE`). */
export function toEnneoFilterDate(value: unknown, zone = 'utc'): string | undefined | null {
	if (
		typeof value === 'string' &&
		value.length <= MAX_DATE_LENGTH &&
		/^(CURRENT_DATE|CURRENT_TIME|-?\d+\s+(DAY|HOUR|MINUTE|WEEK|MONTH|YEAR)S?)$/i.test(value.trim())
	) {
		return value.trim().toUpperCase();
	}
	return toEnneoDateTime(value, zone);
}

/** The workflow's time zone (Settings of the workflow, else the instance's), the zone of every date sent. */
export function workflowZone(context: Pick<IExecuteFunctions, 'getTimezone'>): string {
	const zone = typeof context.getTimezone === 'function' ? context.getTimezone() : undefined;
	return zone && DateTime.local().setZone(zone).isValid ? zone : 'utc';
}

/**
 * Reads a date parameter as Enneo's `YYYY-MM-DD HH:MM:SS` in the workflow's time zone; undefined
 * when blank (a required date then throws its own "is required"); throws naming the field and the
 * item when it is not a date.
 */
export function readEnneoDate(
	this: IExecuteFunctions,
	value: unknown,
	label: string,
	itemIndex: number,
): string | undefined {
	const converted = toEnneoDateTime(value, workflowZone(this));
	if (converted === null) {
		throw itemError(
			this.getNode(),
			`"${label}" is not a date: ${JSON.stringify(String(value).slice(0, 64))}`,
			itemIndex,
			`Use a date such as 2026-01-31 14:00:00 (read in the workflow's time zone, ${workflowZone(this)}), 2026-01-31T14:00:00+01:00, or an expression like {{ $now.plus({ days: 2 }) }}.`,
		);
	}
	return converted;
}
