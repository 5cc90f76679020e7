import { emitEvent } from '../../events';
import type { Router } from '../../http';
import { HttpError } from '../../http';
import type { FakeState } from '../../state';
import type { Schema } from '../../validate';
import { assertKnown, ENUMS, queryFlag, validateBody } from '../../validate';
import { applyTicketChanges, findTicket, requirePermission } from './shared';

/**
 * One element of PATCH /ticket: exactly the keys of Enneo's example element (a whole ticket
 * object), with its types (docs/enneo-api-notes.md#bulk-update). Keys the example does not show (`tagIds`, `addTagIds`,
 * `removeTagIds`, `spamStatus`, …) are unknown here and answer 400.
 */
const BULK_ELEMENT_SCHEMA: Schema = {
	id: { type: 'integer', required: true },
	from: { type: 'string', nullable: true },
	fromName: { type: 'string', nullable: true },
	to: { type: 'string[]' },
	ccEmails: { type: 'string[]' },
	replyCcEmails: { type: 'string[]' },
	subchannelId: { type: 'integer' },
	sentiment: { type: 'string', enum: ['positive', 'neutral', 'negative'] },
	language: { type: 'string' },
	languageCode: { type: 'string' },
	autoExecuteAt: { type: 'string', format: 'iso8601', nullable: true },
	aiSupportLevel: { type: 'string', enum: ENUMS.aiSupportLevel },
	isCustomerActive: { type: 'boolean' },
	interface: { type: 'string' },
	priority: { type: 'string', enum: ENUMS.priority },
	channel: { type: 'string', enum: ENUMS.channel },
	channelId: { type: 'string', nullable: true },
	status: { type: 'string', enum: ENUMS.status },
	summary: { type: 'string' },
	subject: { type: 'string' },
	bodyPlain: { type: 'string' },
	body: { type: 'string' },
	isEscalated: { type: 'boolean' },
	createdAt: { type: 'string' },
	modifiedAt: { type: 'string', nullable: true },
	firstResponseDueBy: { type: 'string', format: 'datetime', nullable: true },
	dueBy: { type: 'string', format: 'datetime', nullable: true },
	closedAt: { type: 'string', nullable: true },
	customer: { type: 'object', nullable: true },
	customerId: { type: 'string', nullable: true },
	contractId: { type: 'string', nullable: true },
	partnerId: { type: 'integer', nullable: true },
	customerLegitimation: { type: 'integer', enum: ENUMS.customerLegitimation },
	responderId: { type: 'integer', nullable: true },
	agentId: { type: 'integer', nullable: true },
	agent: { type: 'object', nullable: true },
	assignedAgentIds: { type: 'integer[]' },
	assignedAgents: { type: 'object[]' },
	workedOnByIds: { type: 'integer[]' },
	workedOnBy: { type: 'object[]', nullable: true },
	attachments: { type: 'object[]' },
	additionalData: { type: 'object', nullable: true },
	template: { type: 'string' },
	tags: { type: 'object[]' },
	agentSkillsMatch: { type: 'boolean' },
};

/** Keys of the example element that describe the ticket rather than change it: accepted, not applied. */
const BULK_READ_ONLY = [
	'createdAt',
	'modifiedAt',
	'closedAt',
	'customer',
	'agent',
	'assignedAgents',
	'workedOnByIds',
	'workedOnBy',
	'attachments',
	'template',
	'agentSkillsMatch',
];

/** Example-element keys any agent may change (the agent set, docs/enneo-api-notes.md#ticket-update); every other applied key needs updateTechnicalTicketFields. */
const BULK_AGENT_FIELDS = [
	'status',
	'priority',
	'agentId',
	'assignedAgentIds',
	'dueBy',
	'firstResponseDueBy',
	'contractId',
	'customerId',
	'customerLegitimation',
	'aiSupportLevel',
	'tags',
];

/** A validated bulk element as the change set it makes: read-only keys dropped, `tags` objects → tag IDs. */
function bulkChanges(
	state: FakeState,
	element: Record<string, unknown>,
	where: string,
): Record<string, unknown> {
	const changes: Record<string, unknown> = {};
	for (const [key, value] of Object.entries(element)) {
		if (BULK_READ_ONLY.includes(key) || state.bulkIgnoredFields.includes(key)) continue;
		changes[key] = value;
	}
	const technical = Object.keys(changes).filter((key) => !BULK_AGENT_FIELDS.includes(key));
	if (technical.length)
		requirePermission(
			state,
			'updateTechnicalTicketFields',
			`${where}: changing ${technical.join(', ')}`,
		);
	if (changes.tags !== undefined) {
		const tagIds = (changes.tags as Array<Record<string, unknown>>).map((tag, index) => {
			if (!Number.isInteger(tag.id))
				throw new HttpError(400, `${where}: tags[${index}].id must be an integer`, 'invalid_type', {
					field: 'tags',
				});
			return tag.id as number;
		});
		delete changes.tags;
		changes.tagIds = [...new Set(tagIds)];
	}
	assertKnown(
		state.subchannels,
		changes.subchannelId,
		where,
		'subchannel id',
		'unknown_subchannel',
	);
	return changes;
}

/** PATCH /ticket: many tickets in one call. */
export function registerTicketBulkUpdateRoutes(router: Router<FakeState>): void {
	router.patch('/ticket', ({ state, body, query }) => {
		queryFlag(query.includeInWorklog, 'includeInWorklog');
		if (!Array.isArray(body))
			throw new HttpError(
				400,
				'PATCH /ticket: the body must be a JSON array of ticket objects',
				'invalid_body',
			);
		if (!body.length) throw new HttpError(400, 'PATCH /ticket: the array is empty', 'invalid_body');
		// Validate everything first: one bad element fails the whole batch, nothing is half-applied.
		const changes = body.map((element, index) => {
			const where = `PATCH /ticket [${index}]`;
			const { id, ...rest } = validateBody(element, BULK_ELEMENT_SCHEMA, where) as Record<
				string,
				unknown
			> & { id: number };
			const ticket = findTicket(state, id);
			return { ticket, rest: bulkChanges(state, rest, where), where };
		});
		for (const { ticket, rest, where } of changes) {
			const copy = { ...ticket };
			applyTicketChanges(state, copy, rest, where);
		}
		for (const { ticket, rest, where } of changes) {
			applyTicketChanges(state, ticket, rest, where);
			emitEvent(state, {
				type: 'ticketUpdated',
				ticketId: ticket.id,
				data: { changedFields: Object.keys(rest) },
			});
		}
		return { success: true };
	});
}
