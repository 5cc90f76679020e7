import { emitEvent } from '../../events';
import type { Router } from '../../http';
import { HttpError } from '../../http';
import type { FakeState, Row } from '../../state';
import { sqlDate } from '../../state';
import type { Schema } from '../../validate';
import { assertKnown, ENUMS, validateBody } from '../../validate';
import { emailList, presentTicket } from './shared';

/** POST /ticket body (docs/enneo-api-notes.md#ticket-create). */
const CREATE_SCHEMA: Schema = {
	channel: { type: 'string', enum: ENUMS.channel, required: true },
	status: { type: 'string', enum: ENUMS.status },
	priority: { type: 'string', enum: ENUMS.priority },
	from: { type: 'string', nullable: true },
	fromName: { type: 'string', nullable: true },
	subchannelId: { type: 'integer' },
	to: { type: 'string[]' },
	cc: { type: 'string[]' },
	bcc: { type: 'string[]' },
	subject: { type: 'string' },
	body: { type: 'string' },
	createdAt: { type: 'string', format: 'datetime' },
	firstResponseDueBy: { type: 'string', format: 'datetime' },
	dueBy: { type: 'string', format: 'datetime' },
	attachments: { type: 'object[]' },
	tags: { type: 'integer[]' },
	contractId: { type: 'string', nullable: true },
	externalTicketId: { type: 'string', nullable: true },
	rawData: { type: 'any', nullable: true },
	templateId: { type: 'integer', nullable: true },
	templateData: { type: 'object', nullable: true },
};

let attachmentCounter = 103013960646;

/** POST /ticket: create (or upsert by externalTicketId). */
export function registerTicketCreateRoutes(router: Router<FakeState>): void {
	router.post('/ticket', ({ state, body, query }) => {
		const where = 'POST /ticket';
		if (query.process !== undefined && !ENUMS.process.includes(String(query.process))) {
			throw new HttpError(
				400,
				`${where}: invalid process ${JSON.stringify(query.process)}, allowed: ${ENUMS.process.join(', ')}`,
				'invalid_enum',
			);
		}
		const request = validateBody(body, CREATE_SCHEMA, where);
		const attachments = ((request.attachments as Row[] | undefined) ?? []).map(
			(attachment, index) => {
				validateBody(
					attachment,
					{ name: { type: 'string' }, url: { type: 'string', required: true } },
					`${where} attachments[${index}]`,
				);
				if (!/^https?:\/\//.test(String(attachment.url)))
					throw new HttpError(
						400,
						`${where}: attachments[${index}].url must be an http(s) URL`,
						'invalid_url',
					);
				const name = String(attachment.name ?? 'attachment');
				return {
					id: String(attachmentCounter++),
					name,
					url: attachment.url,
					size: 0,
					inline: false,
					fileEnding: name.split('.').pop() ?? '',
					contentType: 'application/octet-stream',
				};
			},
		);
		if (request.channel === 'letter' && attachments.length !== 1)
			throw new HttpError(
				400,
				`${where}: a letter needs exactly one attachment`,
				'invalid_attachments',
			);
		if (request.status === 'pending' && (!request.dueBy || String(request.dueBy) <= sqlDate())) {
			throw new HttpError(
				400,
				`${where}: status pending requires dueBy in the future`,
				'pending_requires_due_by',
			);
		}
		for (const id of (request.tags as number[] | undefined) ?? [])
			assertKnown(state.tags, id, where, 'tag id', 'unknown_tag');
		assertKnown(
			state.subchannels,
			request.subchannelId,
			where,
			'subchannel id',
			'unknown_subchannel',
		);
		for (const key of ['to', 'cc', 'bcc'] as const)
			if (key !== 'to' || request.channel === 'email') emailList(request[key], key, where);

		const { cc, bcc, tags, ...plain } = request;
		const fields: Record<string, unknown> = { ...plain };
		delete fields.attachments;
		if (cc !== undefined) fields.ccEmails = cc;
		if (bcc !== undefined) fields.bccEmails = bcc;
		if (tags !== undefined) fields.tagIds = tags;
		if (attachments.length) fields.attachments = attachments;
		if (typeof request.body === 'string') fields.bodyPlain = request.body.replace(/<[^>]+>/g, '');

		// externalTicketId is an upsert key: the existing ticket is updated, not duplicated.
		const existing = request.externalTicketId
			? [...state.tickets.values()].find((t) => t.externalTicketId === request.externalTicketId)
			: undefined;
		if (existing) {
			Object.assign(existing, fields, { modifiedAt: sqlDate() });
			emitEvent(state, {
				type: 'ticketUpdated',
				ticketId: existing.id,
				data: { changedFields: Object.keys(fields) },
			});
			return { success: true, ticket: presentTicket(state, existing) };
		}
		const id = state.nextId.ticket++;
		const now = sqlDate();
		const ticket: Row = {
			id,
			direction: 'in',
			status: 'open',
			priority: 'low',
			aiSupportLevel: query.process === 'false' ? 'human' : 'unprocessed',
			interface: 'internal',
			from: null,
			fromName: null,
			to: [],
			subject: '',
			summary: '',
			body: '',
			bodyPlain: '',
			agentId: null,
			customerId: null,
			contractId: null,
			tagIds: [],
			externalTicketId: null,
			spamStatus: null,
			customerLegitimation: 0,
			attachments: [],
			additionalData: {},
			dueBy: null,
			firstResponseDueBy: null,
			closedAt: null,
			...fields,
			createdAt: (request.createdAt as string | undefined) ?? now,
			modifiedAt: now,
		};
		state.tickets.set(id, ticket);
		emitEvent(state, {
			type: 'ticketCreated',
			ticketId: id,
			data: { channel: ticket.channel ?? null, subchannelId: ticket.subchannelId ?? null },
		});
		return { success: true, ticket: presentTicket(state, ticket) };
	});
}
