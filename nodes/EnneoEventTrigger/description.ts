import type { INodeProperties } from 'n8n-workflow';
import { channelOptions, statusOptions } from '../enneoApi/vocabulary';
import { filtersCollection, optionsCollection } from '../fields/collections';
import { multiOptionsFilter, tagsField } from '../fields/ticket';
import { subchannelFilter } from '../fields/ticketFilters';

/** Enneo's event search answers at most 100 events per page (docs/enneo-api-notes.md#limits: the reference says 100, the plugin 500). */
export const EVENT_PAGE_SIZE = 100;

/** Conditions on the event's ticket; read with buildTicketFilters like Ticket → Get Many's. */
export const eventTicketFilters: INodeProperties[] = [
	multiOptionsFilter('Channel', 'channel', channelOptions),
	subchannelFilter,
	tagsField('Tickets carrying any of these tags'),
	multiOptionsFilter('Ticket Status', 'status', statusOptions),
];

/** Max Events per Poll: default and range. The rest waits for the next poll. */
export const EVENTS_PER_POLL = { default: 500, min: 1, max: 5_000 };

export const eventTriggerProperties: INodeProperties[] = [
	{
		displayName:
			'Polls Enneo for new events at the Poll Times. For instant delivery, let an Enneo event hook (Settings → Events) call an n8n Webhook instead.',
		name: 'pollingNotice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Event Names or IDs',
		name: 'events',
		type: 'multiOptions',
		typeOptions: { loadOptionsMethod: 'getEventTypes' },
		default: [],
		required: true,
		description:
			'Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
		hint: "The Enneo events that start the workflow; by expression use Enneo's type names, e.g. ticketCreated, ticketResponse",
	},
	filtersCollection(eventTicketFilters, {
		description:
			"Conditions on the event's ticket as it is when Enneo is polled; events without a ticket never match a filter",
	}),
	optionsCollection([
		{
			displayName: 'After a Gap of More Than 30 Days',
			name: 'retentionGap',
			type: 'options',
			options: [
				{
					name: 'Stop With an Error',
					value: 'error',
					description: 'Report the gap; choose one of the other options to go on',
				},
				{
					name: 'Continue From the Saved Position',
					value: 'continue',
					description: 'Deliver every event Enneo still has after the last one delivered',
				},
				{ name: 'Start From Now', value: 'restart', description: 'Skip everything up to now' },
			],
			default: 'error',
			description:
				'Enneo keeps event details for 30 days. What to do when the next new events are older than that (e.g. the workflow was unpublished for weeks).',
		},
		{
			displayName: 'Include Ticket',
			name: 'includeTicket',
			type: 'boolean',
			default: false,
			description:
				"Whether to add the event's ticket to each item (one request per 500 tickets; null for a deleted ticket)",
		},
		{
			displayName: 'Max Events per Poll',
			name: 'maxEventsPerPoll',
			type: 'number',
			typeOptions: { minValue: EVENTS_PER_POLL.min, maxValue: EVENTS_PER_POLL.max },
			default: 500,
			description:
				'Events read in one poll at most (100 per request); the rest follow at the next poll, nothing is skipped',
		},
		{
			displayName: 'Simplify Ticket',
			name: 'simplifyTicket',
			type: 'boolean',
			default: true,
			description:
				'Whether Include Ticket adds a simplified ticket (ID, subject, status, tags, …) instead of the raw search row',
		},
	]),
];
