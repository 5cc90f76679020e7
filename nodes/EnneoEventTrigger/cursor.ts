import type { IDataObject, IPollFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/** Enneo keeps event details for 30 days (enneo-api.md §11). */
export const RETENTION_DAYS = 30;
const DAY_MS = 86_400_000;

/**
 * Where the trigger stands, kept in the workflow's static data (per node, saved by n8n with the
 * workflow): the highest event ID already handled and when Enneo was last polled.
 */
export interface EventCursor {
	lastEventId: number;
	/** ISO time of the last poll that read Enneo (n8n's clock). */
	checkedAt: string;
}

export type RetentionGapMode = 'error' | 'continue' | 'restart';

function isCursor(data: IDataObject): boolean {
	return (
		Number.isSafeInteger(data.lastEventId) &&
		(data.lastEventId as number) >= 0 &&
		typeof data.checkedAt === 'string'
	);
}

/** The saved position, or undefined before the first poll (or when the saved data is not ours). */
export function readCursor(this: IPollFunctions): EventCursor | undefined {
	const data = this.getWorkflowStaticData('node');
	if (!isCursor(data)) return undefined;
	return { lastEventId: data.lastEventId as number, checkedAt: data.checkedAt as string };
}

export function saveCursor(this: IPollFunctions, cursor: EventCursor): void {
	const data = this.getWorkflowStaticData('node');
	data.lastEventId = cursor.lastEventId;
	data.checkedAt = cursor.checkedAt;
}

/** Days since the saved position was last checked; 0 when unknown. */
export function daysSince(checkedAt: string, now = Date.now()): number {
	const then = Date.parse(checkedAt);
	return Number.isFinite(then) ? Math.max(0, (now - then) / DAY_MS) : 0;
}

/**
 * A saved position older than Enneo's retention has a gap behind it: events between the last poll
 * and 30 days ago may have lost their details. Returns the mode to go on with, or throws naming the fix.
 */
export function checkRetention(
	this: IPollFunctions,
	cursor: EventCursor,
	mode: RetentionGapMode,
	now = Date.now(),
): 'continue' | 'restart' {
	const days = daysSince(cursor.checkedAt, now);
	if (days <= RETENTION_DAYS) return 'continue';
	if (mode === 'continue' || mode === 'restart') return mode;
	const since = cursor.checkedAt.slice(0, 10);
	const until = new Date(now - RETENTION_DAYS * DAY_MS).toISOString().slice(0, 10);
	throw new NodeOperationError(
		this.getNode(),
		`Enneo events since ${since} may be incomplete: the last poll was ${Math.floor(days)} days ago and Enneo keeps event details for ${RETENTION_DAYS} days`,
		{
			description: `Events between ${since} and ${until} may have lost their data in Enneo, so this trigger cannot promise to deliver them. In Options → "After a Gap of More Than 30 Days" choose "Continue From the Saved Position" (deliver what Enneo still has after event ${cursor.lastEventId}) or "Start From Now", then publish the workflow again. For the missing period, search the tickets with the Enneo node (Ticket → Get Many, Modified After).`,
		},
	);
}
