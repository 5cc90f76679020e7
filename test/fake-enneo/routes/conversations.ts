import { emitEvent } from '../events';
import type { Router } from '../http';
import { HttpError } from '../http';
import type { FakeState, Row } from '../state';
import { sqlDate } from '../state';
import type { Schema } from '../validate';
import { assertKnown, ENUMS, queryFlag, validateBody } from '../validate';
import { findTicket } from './tickets/shared';

const nowSeconds = () => Math.floor(Date.now() / 1000);

/** POST /ticket/{id}/conversation/store body (docs/enneo-api-notes.md#conversation-store). */
const STORE_SCHEMA: Schema = {
	process: { type: 'string', enum: ENUMS.process },
	direction: { type: 'string', enum: ENUMS.direction },
	from: { type: 'string' },
	fromName: { type: 'string' },
	to: { type: 'string[]' },
	ccEmails: { type: 'string[]' },
	bccEmails: { type: 'string[]' },
	subject: { type: 'string' },
	body: { type: 'string' },
	bodyPlain: { type: 'string' },
	bodyClean: { type: 'string' },
	private: { type: 'boolean' },
	subchannelId: { type: 'integer' },
	status: { type: 'string', enum: ENUMS.status },
	createdAt: { type: 'string', format: 'datetime' },
	firstResponseDueBy: { type: 'string', format: 'datetime' },
	dueBy: { type: 'string', format: 'datetime' },
	attachments: { type: 'object[]' },
	externalConversationId: { type: 'string' },
	rawData: { type: 'object' },
	type: { type: 'string' },
	sender: { type: 'object' },
	content: { type: 'object' },
	intentIds: { type: 'integer[]' },
	crmNotificationId: { type: 'string' },
	contractId: { type: 'string' },
	customerId: { type: 'string' },
	agentId: { type: 'integer' },
	priority: { type: 'string', enum: ENUMS.priority },
};

/** POST /ticket/{id}/conversation/reply body (docs/enneo-api-notes.md#conversation-reply). */
const REPLY_SCHEMA: Schema = {
	content: { type: 'object', required: true },
	type: { type: 'string' },
	direction: { type: 'string', enum: ['out', 'internal'] },
	private: { type: 'boolean' },
	isDraft: { type: 'boolean' },
	subject: { type: 'string' },
	to: { type: ['string', 'string[]'] },
	cc: { type: ['string', 'string[]'] },
	bcc: { type: ['string', 'string[]'] },
	intentIds: { type: 'integer[]' },
	attachments: { type: 'object[]' },
	channelId: { type: 'string' },
	subchannelId: { type: 'integer' },
};

const UPDATE_SCHEMA: Schema = {
	content: { type: 'object' },
	isDraft: { type: 'boolean' },
};

const stripHtml = (html: string) => html.replace(/<[^>]*>/g, '').trim();
const list = (value: unknown): string[] =>
	value === undefined ? [] : Array.isArray(value) ? (value as string[]) : [String(value)];

/** Attachments are `{name, url}` or `{name, base64}` (one of the two per attachment: docs/enneo-api-notes.md#conversation-store). */
function storeAttachments(state: FakeState, attachments: unknown, where: string): Row[] {
	return ((attachments as Array<Record<string, unknown>> | undefined) ?? []).map(
		(attachment, index) => {
			const at = `${where}: attachments[${index}]`;
			for (const key of Object.keys(attachment)) {
				if (!['name', 'url', 'base64', 'contentType'].includes(key))
					throw new HttpError(400, `${at}: unknown field '${key}'`, 'unknown_field');
			}
			if (typeof attachment.name !== 'string' || !attachment.name)
				throw new HttpError(400, `${at}: 'name' is required`, 'invalid_attachment');
			const hasUrl = typeof attachment.url === 'string' && attachment.url !== '';
			const hasBase64 = typeof attachment.base64 === 'string' && attachment.base64 !== '';
			if (hasUrl === hasBase64)
				throw new HttpError(400, `${at}: provide either 'url' or 'base64'`, 'invalid_attachment');
			if (hasUrl && !/^https?:\/\//.test(String(attachment.url)))
				throw new HttpError(400, `${at}: 'url' must be http(s)`, 'invalid_attachment');
			if (hasBase64 && !/^[A-Za-z0-9+/]+={0,2}$/.test(String(attachment.base64))) {
				throw new HttpError(400, `${at}: 'base64' is not base64`, 'invalid_attachment');
			}
			const id = state.nextId.event++;
			const name = String(attachment.name);
			return {
				id,
				name,
				url: hasUrl
					? String(attachment.url)
					: `https://storage.example/attachments/${id}/${encodeURIComponent(name)}`,
				originalUrl: hasUrl ? String(attachment.url) : null,
				size: hasBase64 ? Buffer.from(String(attachment.base64), 'base64').length : null,
				contentType: (attachment.contentType as string | undefined) ?? 'application/octet-stream',
				fileEnding: name.includes('.') ? name.split('.').pop() : null,
				inline: false,
				// Kept so tests can check the stored bytes; Enneo serves the file from `url` instead.
				base64: hasBase64 ? String(attachment.base64) : undefined,
			};
		},
	);
}

/** A conversation as the API shows it (without the fake's stored bytes). */
function present(row: Row, includeRawData = false): Row {
	const out: Row = {
		...row,
		attachments: ((row.attachments as Row[] | undefined) ?? []).map((attachment) => {
			const rest = { ...attachment };
			delete rest.base64;
			return rest;
		}),
	};
	if (!includeRawData) delete out.rawData;
	return out;
}

function findConversation(state: FakeState, ticketId: number, id: string): Row {
	const conversation = state.conversations.get(Number(id));
	if (!conversation || conversation.ticketId !== ticketId || conversation.deletedAt) {
		throw new HttpError(
			404,
			`Conversation ${id} not found on ticket ${ticketId}`,
			'conversation_not_found',
		);
	}
	return conversation;
}

/** Reply takes `process` as a query parameter (docs/enneo-api-notes.md#conversation-reply). */
function processMode(query: Record<string, string | string[]>, where: string): string {
	const fromQuery = query.process as string | undefined;
	if (fromQuery !== undefined && !ENUMS.process.includes(fromQuery)) {
		throw new HttpError(
			400,
			`${where}: invalid process ${JSON.stringify(fromQuery)}, allowed: ${ENUMS.process.join(', ')}`,
			'invalid_enum',
		);
	}
	return fromQuery ?? 'batch';
}

/** Conversation routes (docs/enneo-api-notes.md#conversations). */
export function registerConversationRoutes(router: Router<FakeState>): void {
	router.get('/ticket/:ticketId/conversation', ({ state, params, query }) => {
		const ticket = findTicket(state, params.ticketId);
		// The contract's only query parameter (docs/enneo-api-notes.md#conversation-get-many): the
		// whole thread, no filters.
		const includeRawData = queryFlag(query.includeRawData, 'includeRawData') ?? false;
		const conversations = [...state.conversations.values()]
			.filter((c) => c.ticketId === ticket.id && !c.deletedAt)
			.sort((a, b) => a.id - b.id)
			.map((c) => present(c, includeRawData));
		return { conversations, success: true };
	});

	router.get('/ticket/:ticketId/conversation/:conversationId', ({ state, params, query }) => {
		const ticket = findTicket(state, params.ticketId);
		const includeRawData = queryFlag(query.includeRawData, 'includeRawData') ?? false;
		return {
			conversation: present(
				findConversation(state, ticket.id, params.conversationId),
				includeRawData,
			),
			success: true,
		};
	});

	router.post('/ticket/:ticketId/conversation/store', ({ state, params, query, body }) => {
		const where = `POST /ticket/${params.ticketId}/conversation/store`;
		const ticket = findTicket(state, params.ticketId);
		const request = validateBody(body ?? {}, STORE_SCHEMA, where);
		// Enneo's store page documents `process` as a body field only (docs/enneo-api-notes.md#conversation-store); a ?process= query is not part of this endpoint.
		if (query.process !== undefined) {
			throw new HttpError(
				400,
				`${where}: unknown query parameter 'process' (send it in the body)`,
				'unknown_query',
				{ field: 'process' },
			);
		}
		const process = (request.process as string | undefined) ?? 'batch';
		if (
			!request.body &&
			!request.bodyPlain &&
			!request.bodyClean &&
			!request.content &&
			!(request.attachments as unknown[] | undefined)?.length
		) {
			throw new HttpError(400, `${where}: body or content is required`, 'missing_content');
		}
		if (request.subchannelId !== undefined) {
			const subchannel = state.subchannels.get(request.subchannelId as number);
			if (!subchannel)
				throw new HttpError(
					400,
					`${where}: unknown subchannel ${String(request.subchannelId)}`,
					'unknown_subchannel',
				);
			if (subchannel.channel !== ticket.channel) {
				throw new HttpError(
					400,
					`${where}: subchannel ${subchannel.id} is a ${String(subchannel.channel)} subchannel, the ticket is ${String(ticket.channel)}`,
					'subchannel_mismatch',
				);
			}
		}
		assertKnown(state.profiles, request.agentId, where, 'agent', 'unknown_agent');
		const attachments = storeAttachments(state, request.attachments, where);
		const html = (request.body as string | undefined) ?? '';
		const id = state.nextId.conversation++;
		const agent =
			request.agentId !== undefined ? state.profiles.get(request.agentId as number) : undefined;
		const conversation: Row = {
			id,
			ticketId: ticket.id,
			type: request.type ?? 'html',
			direction: request.direction ?? 'in',
			private: request.private ?? false,
			isDraft: false,
			fromEmail: request.from ?? null,
			fromEmailName: request.fromName ?? null,
			agentId: request.agentId ?? null,
			sender:
				request.sender ??
				(agent
					? {
							id: agent.id,
							name: `${String(agent.firstName)} ${String(agent.lastName)}`,
							email: agent.email,
						}
					: null),
			toEmail: request.to ?? [],
			ccEmails: request.ccEmails ?? [],
			bccEmails: request.bccEmails ?? [],
			subject: request.subject ?? null,
			body: html,
			bodyPlain: request.bodyPlain ?? stripHtml(html),
			bodyClean: request.bodyClean ?? stripHtml(html),
			content: request.content ?? {
				message: (request.bodyPlain as string | undefined) ?? stripHtml(html),
			},
			intentIds: request.intentIds ?? [],
			attachments,
			externalConversationId: request.externalConversationId ?? null,
			crmNotificationId: request.crmNotificationId ?? null,
			contractId: request.contractId ?? null,
			customerId: request.customerId ?? null,
			subchannelId: request.subchannelId ?? null,
			rawData: request.rawData ?? null,
			process,
			createdAt: request.createdAt
				? Math.floor(Date.parse(`${String(request.createdAt).replace(' ', 'T')}Z`) / 1000)
				: nowSeconds(),
			modifiedAt: nowSeconds(),
			deletedAt: null,
		};
		state.conversations.set(id, conversation);
		// Store can change ticket fields as a side effect (docs/enneo-api-notes.md#conversation-store).
		for (const key of ['status', 'priority', 'dueBy', 'firstResponseDueBy', 'subchannelId']) {
			if (request[key] !== undefined) ticket[key] = request[key];
		}
		ticket.modifiedAt = sqlDate();
		const customerMessage = conversation.direction === 'in' && !conversation.private;
		const event = emitEvent(state, {
			type: 'conversationCreated',
			ticketId: ticket.id,
			userId: customerMessage ? null : undefined,
			data: { conversationId: id, direction: conversation.direction },
		});
		if (customerMessage)
			emitEvent(state, {
				type: 'ticketResponse',
				ticketId: ticket.id,
				userId: null,
				data: { conversationId: id },
			});
		return {
			success: true,
			conversationId: id,
			ticketId: ticket.id,
			conversation: present(conversation),
			eventId: event.id,
		};
	});

	router.post('/ticket/:ticketId/conversation/reply', ({ state, params, query, body }) => {
		const where = `POST /ticket/${params.ticketId}/conversation/reply`;
		const ticket = findTicket(state, params.ticketId);
		const request = validateBody(body ?? {}, REPLY_SCHEMA, where);
		const process = processMode(query, where);
		const includeQuotedHistory =
			queryFlag(query.includeQuotedHistory, 'includeQuotedHistory') ?? true;
		const content = request.content as Record<string, unknown>;
		if (typeof content.message !== 'string' || !content.message.trim()) {
			throw new HttpError(400, `${where}: content.message is required`, 'missing_content');
		}
		assertKnown(state.subchannels, request.subchannelId, where, 'subchannel', 'unknown_subchannel');
		const isPrivate = request.private === true || request.direction === 'internal';
		const isDraft = request.isDraft === true;
		const id = state.nextId.conversation++;
		const conversation: Row = {
			id,
			ticketId: ticket.id,
			type: request.type ?? 'html',
			direction: isPrivate ? 'internal' : 'out',
			private: isPrivate,
			isDraft,
			agentId: state.me.id,
			sender: {
				id: state.me.id,
				name: `${String(state.me.firstName)} ${String(state.me.lastName)}`,
			},
			toEmail:
				request.to !== undefined ? list(request.to) : [String(ticket.from ?? '')].filter(Boolean),
			ccEmails: list(request.cc),
			bccEmails: list(request.bcc),
			subject: request.subject ?? `Re: ${String(ticket.subject ?? '')}`,
			body: content.message,
			bodyPlain: stripHtml(String(content.message)),
			content: { message: content.message },
			intentIds: request.intentIds ?? [],
			attachments: storeAttachments(state, request.attachments, where),
			channelId: request.channelId ?? null,
			subchannelId: request.subchannelId ?? ticket.subchannelId ?? null,
			includeQuotedHistory,
			process,
			// What would have left Enneo: only a published, non-private reply is sent.
			sent: !isPrivate && !isDraft,
			createdAt: nowSeconds(),
			modifiedAt: nowSeconds(),
			deletedAt: null,
		};
		state.conversations.set(id, conversation);
		ticket.modifiedAt = sqlDate();
		if (!isDraft)
			emitEvent(state, {
				type: isPrivate ? 'newNote' : 'newReply',
				ticketId: ticket.id,
				data: { conversationId: id },
			});
		return { success: true, id, conversation: present(conversation) };
	});

	router.patch('/ticket/:ticketId/conversation/:conversationId', ({ state, params, body }) => {
		const where = `PATCH /ticket/${params.ticketId}/conversation/${params.conversationId}`;
		const ticket = findTicket(state, params.ticketId);
		const conversation = findConversation(state, ticket.id, params.conversationId);
		const request = validateBody(body ?? {}, UPDATE_SCHEMA, where);
		if (!conversation.private && !conversation.isDraft) {
			throw new HttpError(
				400,
				`${where}: only internal notes and drafts can be updated`,
				'conversation_not_editable',
			);
		}
		if (request.content !== undefined) {
			const message = (request.content as Record<string, unknown>).message;
			if (typeof message !== 'string')
				throw new HttpError(400, `${where}: content.message must be a string`, 'invalid_type');
			conversation.content = { message };
			conversation.body = message;
			conversation.bodyPlain = stripHtml(message);
		}
		if (request.isDraft === false && conversation.isDraft) {
			conversation.isDraft = false;
			conversation.sent = !conversation.private;
		} else if (request.isDraft === true && !conversation.isDraft) {
			throw new HttpError(
				400,
				`${where}: a published message cannot become a draft again`,
				'conversation_not_editable',
			);
		}
		conversation.modifiedAt = nowSeconds();
		return { success: true, conversation: present(conversation) };
	});

	router.delete('/ticket/:ticketId/conversation/:conversationId', ({ state, params }) => {
		const ticket = findTicket(state, params.ticketId);
		const conversation = findConversation(state, ticket.id, params.conversationId);
		conversation.deletedAt = nowSeconds();
		return { success: true };
	});
}
