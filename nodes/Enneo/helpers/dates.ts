import { DateTime } from 'luxon';

/**
 * Converts an n8n dateTime value (ISO string, luxon DateTime, JS Date, epoch) to Enneo's
 * `YYYY-MM-DD HH:MM:SS` (seeds 002/003). Returns undefined for empty input and null when the
 * value cannot be read, so callers can name the field in their error.
 */
export function toEnneoDateTime(value: unknown, zone = 'utc'): string | undefined | null {
	const dt = parseDateTime(value, zone);
	if (dt === undefined) return undefined;
	if (dt === null) return null;
	return dt.setZone(zone).toFormat('yyyy-MM-dd HH:mm:ss');
}

/** Converts to ISO 8601 (used for transcript timestamps). */
export function toIsoDateTime(value: unknown): string | undefined | null {
	const dt = parseDateTime(value, 'utc');
	if (dt === undefined) return undefined;
	if (dt === null) return null;
	return dt.toUTC().toISO({ suppressMilliseconds: true });
}

export function parseDateTime(value: unknown, zone = 'utc'): DateTime | undefined | null {
	if (value === undefined || value === null || value === '') return undefined;
	if (DateTime.isDateTime(value)) return value.isValid ? value : null;
	if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : DateTime.fromJSDate(value);
	if (typeof value === 'number') {
		// Seconds or milliseconds since the epoch.
		return DateTime.fromMillis(value < 1e11 ? value * 1000 : value);
	}
	const text = String(value).trim();
	if (/^\d{9,13}$/.test(text)) return parseDateTime(Number(text), zone);
	let dt = DateTime.fromISO(text, { zone, setZone: true });
	if (!dt.isValid) dt = DateTime.fromSQL(text, { zone });
	if (!dt.isValid) dt = DateTime.fromRFC2822(text, { zone });
	if (!dt.isValid) dt = DateTime.fromHTTP(text, { zone });
	return dt.isValid ? dt : null;
}

/** Search filters accept dates or Enneo's relative tokens (`-7 DAY`, `CURRENT_DATE`). */
export function toEnneoFilterDate(value: unknown): string | undefined | null {
	if (typeof value === 'string' && /^(CURRENT_DATE|CURRENT_TIME|-?\d+\s+(DAY|HOUR|MINUTE|WEEK|MONTH|YEAR)S?)$/i.test(value.trim())) {
		return value.trim().toUpperCase();
	}
	return toEnneoDateTime(value);
}
