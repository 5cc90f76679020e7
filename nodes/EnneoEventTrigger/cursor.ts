import type { IPollFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { parseDateTime } from '../values/dates';
import type { EnneoEvent } from './fetchEvents';

/** Enneo keeps event details for 30 days (docs/enneo-api-notes.md#events). */
export const RETENTION_DAYS = 30;
const DAY_MS = 86_400_000;

/**
 * Where the trigger stands, kept in the workflow's static data (per node, saved by n8n with the
 * workflow): the highest event ID already handled.
 */
export interface EventCursor {
	lastEventId: number;
}

export type RetentionGapMode = 'error' | 'continue' | 'restart';

/** The saved position, or undefined before the first poll (or when the saved data is not ours). */
export function readCursor(this: IPollFunctions): EventCursor | undefined {
	const data = this.getWorkflowStaticData('node');
	const id = data.lastEventId;
	return typeof id === 'number' && Number.isSafeInteger(id) && id >= 0
		? { lastEventId: id }
		: undefined;
}

export function saveCursor(this: IPollFunctions, cursor: EventCursor): void {
	this.getWorkflowStaticData('node').lastEventId = cursor.lastEventId;
}

/**
 * New events older than Enneo's retention mean a gap behind the saved position (the trigger was
 * not polling for weeks): their details may be gone. Decided on the events themselves, so a
 * trigger whose events are rare never sees a false alarm. Returns how to go on, or throws naming the fix.
 */
export function checkRetention(
	this: IPollFunctions,
	events: EnneoEvent[],
	afterId: number,
	mode: RetentionGapMode,
	zone: string,
	now = Date.now(),
): 'continue' | 'restart' {
	const oldest = events[0];
	const time = oldest ? parseDateTime(oldest.createdAt, zone) : undefined;
	if (!oldest || !time) return 'continue';
	const days = (now - time.toMillis()) / DAY_MS;
	if (days <= RETENTION_DAYS) return 'continue';
	if (mode === 'continue' || mode === 'restart') return mode;
	const since = time.toISODate() ?? String(oldest.createdAt).slice(0, 10);
	const until = new Date(now - RETENTION_DAYS * DAY_MS).toISOString().slice(0, 10);
	throw new NodeOperationError(
		this.getNode(),
		`Enneo events since ${since} may be incomplete: the next event after the saved position (ID ${oldest.id}) is ${Math.floor(days)} days old and Enneo keeps event details for ${RETENTION_DAYS} days`,
		{
			description: `The trigger last delivered event ${afterId}; events from ${since} to ${until} may have lost their data in Enneo, so the trigger cannot promise them. In Options → "After a Gap of More Than 30 Days" choose "Continue From the Saved Position" (deliver what Enneo still has) or "Start From Now", then publish the workflow again. For the missing period, search the tickets with the Enneo node (Ticket → Get Many, Modified After).`,
		},
	);
}
