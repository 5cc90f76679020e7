import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { itemError } from '../values/itemError';
import { parseDateTime, workflowZone } from '../values/dates';

/**
 * Enneo rejects `status: pending` unless `dueBy` is sent in the same request and lies in the
 * future (docs/enneo-api-notes.md#ticket-update). Checked here so the user gets the reason before any request.
 */
export function assertPendingHasFutureDueBy(
	this: IExecuteFunctions,
	changes: IDataObject,
	itemIndex: number,
	now = Date.now(),
	collection = 'Update Fields',
): void {
	if (changes.status !== 'pending') return;
	// dueBy was already written as wall time in the workflow's time zone.
	const due = parseDateTime(changes.dueBy, workflowZone(this));
	if (!due) {
		throw itemError(
			this.getNode(),
			`Status "Pending" needs a "Due By" date in the future`,
			itemIndex,
			`Enneo only snoozes a ticket until a due date. Add "Due By" under ${collection} with a date in the future, or choose another status.`,
		);
	}
	if (due.toMillis() <= now) {
		throw itemError(
			this.getNode(),
			`"Due By" must be in the future when the status is "Pending", got ${String(changes.dueBy)}`,
			itemIndex,
			'Set "Due By" to a later date, e.g. {{ $now.plus({ days: 1 }) }}.',
		);
	}
}

/**
 * The checks before a ticket update is sent (Update and Update Many): it must change something,
 * and a pending status needs a future due date.
 */
export function assertTicketChanges(
	this: IExecuteFunctions,
	ticketId: number,
	changesSomething: boolean,
	changes: IDataObject,
	itemIndex: number,
): void {
	if (!changesSomething) {
		throw itemError(
			this.getNode(),
			`Nothing to update for ticket ${ticketId}`,
			itemIndex,
			'Add at least one field under "Update Fields".',
		);
	}
	assertPendingHasFutureDueBy.call(this, changes, itemIndex);
}

/** Tags are edited one of three ways; Enneo refuses `tagIds` combined with add/remove. */
export function tagChanges(mode: string, tagIds: number[]): IDataObject {
	if (!tagIds.length && mode !== 'replace') return {};
	if (mode === 'add') return { addTagIds: tagIds };
	if (mode === 'remove') return { removeTagIds: tagIds };
	return { tagIds };
}
