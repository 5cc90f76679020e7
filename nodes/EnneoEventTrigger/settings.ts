import type { IDataObject, IPollFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { RetentionGapMode } from './cursor';
import { EVENTS_PER_POLL, eventTicketFilters } from './description';
import { EVENT_TYPE_PATTERN, MAX_EVENT_TYPES } from './eventTypes';
import { buildTicketFilters } from '../fields/ticketFilters';
import { toStringList } from '../values/values';

export interface TriggerSettings {
	types: string[];
	/** Ticket search filters; empty when no filter is set. */
	ticketFilters: IDataObject[];
	includeTicket: boolean;
	simplifyTicket: boolean;
	maxEventsPerPoll: number;
	retentionGap: RetentionGapMode;
}

function eventTypes(this: IPollFunctions): string[] {
	const value = this.getNodeParameter('events', []) as unknown;
	const types = [...new Set(toStringList(value))];
	if (!types.length) {
		throw new NodeOperationError(this.getNode(), 'Choose at least one event in "Events"', {
			description:
				'Pick the Enneo events that should start the workflow, e.g. Ticket Created or Customer Replied.',
		});
	}
	if (types.length > MAX_EVENT_TYPES) {
		throw new NodeOperationError(
			this.getNode(),
			`"Events" lists ${types.length} event types; at most ${MAX_EVENT_TYPES} are allowed`,
			{
				description: 'Choose fewer event types.',
			},
		);
	}
	const bad = types.find((type) => !EVENT_TYPE_PATTERN.test(type));
	if (bad !== undefined) {
		throw new NodeOperationError(
			this.getNode(),
			`"Events" has an invalid event type: ${JSON.stringify(bad.slice(0, 64))}`,
			{
				description:
					"Use Enneo's event type names as the list shows them, e.g. ticketCreated, ticketResponse, callCompleted.",
			},
		);
	}
	return types;
}

function perPoll(this: IPollFunctions, value: unknown): number {
	if (value === undefined || value === null || value === '') return EVENTS_PER_POLL.default;
	const number = Number(value);
	if (!Number.isInteger(number) || number < EVENTS_PER_POLL.min || number > EVENTS_PER_POLL.max) {
		throw new NodeOperationError(
			this.getNode(),
			`"Max Events per Poll" must be a whole number from ${EVENTS_PER_POLL.min} to ${EVENTS_PER_POLL.max}, got ${JSON.stringify(String(value).slice(0, 32))}`,
			{
				description: `Set Options → Max Events per Poll to e.g. ${EVENTS_PER_POLL.default}; events beyond it are read at the next poll.`,
			},
		);
	}
	return number;
}

export function readSettings(this: IPollFunctions): TriggerSettings {
	const filters = this.getNodeParameter('filters', {}) as IDataObject;
	const options = this.getNodeParameter('options', {}) as IDataObject;
	const gap = String(options.retentionGap ?? 'error');
	return {
		types: eventTypes.call(this),
		ticketFilters: buildTicketFilters.call(this, filters ?? {}, eventTicketFilters),
		includeTicket: options.includeTicket === true,
		simplifyTicket: options.simplifyTicket !== false,
		maxEventsPerPoll: perPoll.call(this, options.maxEventsPerPoll),
		retentionGap: gap === 'continue' || gap === 'restart' ? gap : 'error',
	};
}
