import { emitEvent } from '../events';
import type { Router } from '../http';
import { HttpError } from '../http';
import type { FakeState, Row } from '../state';
import { sqlDate } from '../state';
import type { Schema } from '../validate';
import { assertKnown, ENUMS, queryFlag, queryInt, validateBody } from '../validate';
import { findTicket } from './tickets/shared';

/** POST /telephony/callReceived body: the fields of both versions of the page, the newer a superset (docs/enneo-api-notes.md#telephony-call-received). */
const CALL_RECEIVED_SCHEMA: Schema = {
	routing: { type: 'string', enum: ENUMS.routing },
	contractId: { type: 'string', nullable: true },
	customerId: { type: 'string', nullable: true },
	phone: { type: 'string', nullable: true },
	to: { type: 'string' },
	agentId: { type: 'integer' },
	aiAgentId: { type: 'integer' },
	transcript: { type: 'object[]' },
	// Nullable as Enneo's reference types them (null: no user, no call ID).
	userId: { type: 'integer', nullable: true },
	channelId: { type: 'string', nullable: true },
	callerName: { type: 'string' },
	direction: { type: 'string', enum: ['in', 'out'] },
	subchannelId: { type: 'integer' },
	externalTicketId: { type: 'string' },
	status: { type: 'string', enum: ENUMS.status },
	triggerAiProcessing: { type: 'boolean' },
};

const AGENT_CONNECTED_SCHEMA: Schema = {
	userId: { type: 'integer', required: true },
	ticketId: { type: 'integer', nullable: true },
	channelId: { type: 'string', nullable: true },
};

const CALL_COMPLETED_SCHEMA: Schema = {
	channelId: { type: 'string', required: true },
	ticketId: { type: 'integer', nullable: true },
	transcript: { type: 'object[]' },
	duration: { type: 'integer', nullable: true },
	totalDurationSeconds: { type: 'integer', nullable: true },
	botDurationSeconds: { type: 'integer', nullable: true },
	queueDurationSeconds: { type: 'integer', nullable: true },
	humanDurationSeconds: { type: 'integer', nullable: true },
};

const HOOKS = [
	'/telephony/callReceived',
	'/telephony/agentConnected',
	'/telephony/callCompleted',
	'/telephony/getRouting',
];

/** E.164 comparison key: digits only, `00` prefix dropped, a national `0` read as German (the demo's country). */
export function phoneKey(value: unknown): string {
	if (value === undefined || value === null) return '';
	const text = String(value).trim();
	let digits = text.replace(/\D/g, '');
	if (text.startsWith('+')) return digits;
	if (digits.startsWith('00')) digits = digits.slice(2);
	else if (digits.startsWith('0')) digits = `49${digits.slice(1)}`;
	return digits;
}

function validateTranscript(transcript: unknown, where: string): void {
	((transcript as Array<Record<string, unknown>> | undefined) ?? []).forEach((entry, index) => {
		for (const key of Object.keys(entry)) {
			if (!['speaker', 'message', 'timestamp'].includes(key))
				throw new HttpError(
					400,
					`${where}: transcript[${index}] unknown field '${key}'`,
					'unknown_field',
				);
		}
		if (typeof entry.speaker !== 'string' || !entry.speaker)
			throw new HttpError(
				400,
				`${where}: transcript[${index}].speaker is required`,
				'invalid_transcript',
			);
		if (typeof entry.message !== 'string')
			throw new HttpError(
				400,
				`${where}: transcript[${index}].message is required`,
				'invalid_transcript',
			);
		if (
			entry.timestamp !== undefined &&
			(typeof entry.timestamp !== 'string' ||
				!/^\d{4}-\d{2}-\d{2}T[\d:.]+(Z|[+-]\d{2}:\d{2})$/.test(entry.timestamp))
		) {
			throw new HttpError(
				400,
				`${where}: transcript[${index}].timestamp must be ISO 8601`,
				'invalid_transcript',
			);
		}
	});
}

function addTranscript(state: FakeState, ticketId: number, transcript: unknown): void {
	for (const entry of (transcript as Array<Record<string, string>> | undefined) ?? []) {
		const id = state.nextId.conversation++;
		state.conversations.set(id, {
			id,
			ticketId,
			type: 'text',
			direction: entry.speaker === 'customer' ? 'in' : 'out',
			private: false,
			isDraft: false,
			sender: { name: entry.speaker },
			body: entry.message,
			bodyPlain: entry.message,
			content: { message: entry.message },
			attachments: [],
			createdAt: entry.timestamp
				? Math.floor(Date.parse(entry.timestamp) / 1000)
				: Math.floor(Date.now() / 1000),
			deletedAt: null,
		});
	}
}

/** Customer identification: contract → customer → phone number (both sides normalised). */
function identify(
	state: FakeState,
	request: Record<string, unknown>,
	number: unknown,
): { customer?: Row; contractId: string | null } {
	if (request.contractId) {
		const contract = state.contracts.get(Number(request.contractId));
		if (contract)
			return {
				customer: state.customers.get(Number(contract.customerId)),
				contractId: String(contract.id),
			};
	}
	if (request.customerId) {
		const customer = state.customers.get(Number(request.customerId));
		if (customer)
			return { customer, contractId: String((customer.contractIds as number[])[0] ?? '') || null };
	}
	const key = phoneKey(number);
	if (key) {
		const customer = [...state.customers.values()].find(
			(c) => phoneKey(c.phone) === key || phoneKey(`+${String(c.phone)}`) === key,
		);
		if (customer)
			return { customer, contractId: String((customer.contractIds as number[])[0] ?? '') || null };
	}
	return { contractId: null };
}

function findCallTicket(
	state: FakeState,
	reference: { ticketId?: unknown; channelId?: unknown },
	where: string,
): Row {
	if (reference.ticketId !== undefined && reference.ticketId !== null)
		return findTicket(state, reference.ticketId as number);
	if (reference.channelId !== undefined && reference.channelId !== null) {
		const ticket = [...state.tickets.values()].find((t) => t.channelId === reference.channelId);
		if (!ticket)
			throw new HttpError(
				404,
				`${where}: no call with channelId ${String(reference.channelId)}`,
				'call_not_found',
			);
		return ticket;
	}
	throw new HttpError(400, `${where}: ticketId or channelId is required`, 'missing_reference');
}

/** Telephony routes (docs/enneo-api-notes.md#telephony). */
export function registerTelephonyRoutes(router: Router<FakeState>): void {
	for (const path of HOOKS) {
		router.on(path === '/telephony/getRouting' ? 'GET' : 'POST', path, (ctx) => {
			// Instances with Enneo's own ACD accept only the internal token on these hooks (docs/enneo-api-notes.md#telephony-auth).
			if (ctx.state.telephonyHooksForbidden) {
				throw new HttpError(
					403,
					'This endpoint requires the x-internal-communication-token header',
					'forbidden',
				);
			}
			return handlers[path](ctx);
		});
	}

	const handlers: Record<
		string,
		(ctx: { state: FakeState; body: unknown; query: Record<string, string | string[]> }) => unknown
	> = {
		'/telephony/callReceived': ({ state, body }) => {
			const where = 'POST /telephony/callReceived';
			const request = validateBody(body ?? {}, CALL_RECEIVED_SCHEMA, where);
			validateTranscript(request.transcript, where);
			const direction = (request.direction as string | undefined) ?? 'in';
			// null is no user, as if left out.
			const userId = (request.userId ?? undefined) as number | undefined;
			const routing = (request.routing as string | undefined) ?? 'none';
			if (direction === 'out') {
				if (!request.to)
					throw new HttpError(
						400,
						`${where}: 'to' is required for outbound calls`,
						'missing_field',
						{ field: 'to' },
					);
				if (request.agentId === undefined && userId === undefined) {
					throw new HttpError(
						400,
						`${where}: 'agentId' (or 'userId') is required for outbound calls`,
						'missing_field',
						{ field: 'agentId' },
					);
				}
			}
			if (userId !== undefined && routing === 'native') {
				throw new HttpError(
					400,
					`${where}: 'userId' requires routing 'external' or 'none'`,
					'invalid_routing',
					{ field: 'userId' },
				);
			}
			assertKnown(state.profiles, request.agentId, where, 'agentId', 'unknown_user');
			assertKnown(state.profiles, userId, where, 'userId', 'unknown_user');
			assertKnown(state.aiAgents, request.aiAgentId, where, 'aiAgentId', 'unknown_ai_agent');
			if (request.subchannelId !== undefined) {
				const subchannel = state.subchannels.get(request.subchannelId as number);
				if (!subchannel || subchannel.channel !== 'phone')
					throw new HttpError(
						400,
						`${where}: ${String(request.subchannelId)} is not a phone subchannel`,
						'invalid_subchannel',
					);
			}
			// Enneo types phone/to as strings and documents no format (docs/enneo-api-notes.md#phones): anonymous or SIP callers are stored as sent.
			const { customer, contractId } = identify(
				state,
				request,
				direction === 'out' ? request.to : request.phone,
			);
			const id = state.nextId.ticket++;
			const agentId = (request.agentId ?? userId ?? null) as number | null;
			const now = sqlDate();
			const ticket: Row = {
				id,
				channel: 'phone',
				direction,
				status: request.status ?? (routing === 'none' ? 'closed' : 'open'),
				aiProcessing: request.triggerAiProcessing ?? routing !== 'none',
				routing,
				priority: 'medium',
				subject:
					direction === 'out'
						? `Outbound call to ${String(request.to)}`
						: `Call from ${String(request.phone ?? 'unknown number')}`,
				from: direction === 'out' ? request.to : (request.phone ?? null),
				fromName: request.callerName ?? null,
				channelId: request.channelId ?? null,
				subchannelId: request.subchannelId ?? null,
				externalTicketId: request.externalTicketId ?? null,
				agentId,
				aiAgentId: direction === 'out' ? (request.aiAgentId ?? null) : null,
				customerId: customer ? String(customer.id) : null,
				contractId,
				tagIds: [],
				createdAt: now,
				modifiedAt: now,
				closedAt: null,
			};
			state.tickets.set(id, ticket);
			emitEvent(state, {
				type: 'ticketCreated',
				ticketId: id,
				data: { channel: 'phone', subchannelId: ticket.subchannelId },
			});
			emitEvent(state, {
				type: 'callStarted',
				ticketId: id,
				userId: agentId ?? null,
				data: { direction, channelId: ticket.channelId, phone: ticket.from },
			});
			addTranscript(state, id, request.transcript);
			let queueId: number | undefined;
			if (routing === 'native' || direction === 'out') {
				queueId = state.nextId.queue++;
				state.queue.set(queueId, {
					id: queueId,
					ticketId: id,
					status: direction === 'out' ? 'assigned' : 'waitingForAgent',
					declineReasonCode: null,
					declineReasonMessage: null,
					primaryTagId: null,
					channel: 'phone',
					channelId: request.channelId ?? null,
					subchannelId: request.subchannelId ?? null,
					assignedUserId: direction === 'out' ? agentId : null,
					assignedUserRawData: null,
					createdAt: now,
					routedAt: direction === 'out' ? now : null,
					completedAt: null,
					updatedAt: now,
					positionDetails: {
						position: direction === 'out' ? 0 : 1,
						agentsOnlineWithMatchingSkills: [7, 8],
						estimatedWaitingTimeInSeconds: direction === 'out' ? 0 : 45,
					},
				});
			}
			if (userId !== undefined) ticket.connectedUserId = userId;
			return {
				success: true,
				ticketId: id,
				contractId,
				customerId: customer ? String(customer.id) : null,
				ioResponse:
					routing === 'external'
						? 'Call forwarded to the external routing engine'
						: 'None, as routing is not external',
				...(routing === 'native' ? { queueId } : {}),
			};
		},

		'/telephony/agentConnected': ({ state, body }) => {
			const where = 'POST /telephony/agentConnected';
			const request = validateBody(body ?? {}, AGENT_CONNECTED_SCHEMA, where);
			assertKnown(state.profiles, request.userId, where, 'userId', 'unknown_user');
			const ticket = findCallTicket(state, request, where);
			ticket.agentId = request.userId;
			ticket.connectedUserId = request.userId;
			for (const entry of state.queue.values()) {
				if (entry.ticketId === ticket.id)
					Object.assign(entry, {
						status: 'assigned',
						assignedUserId: request.userId,
						routedAt: sqlDate(),
						updatedAt: sqlDate(),
					});
			}
			return { success: true };
		},

		'/telephony/callCompleted': ({ state, body }) => {
			const where = 'POST /telephony/callCompleted';
			const request = validateBody(body ?? {}, CALL_COMPLETED_SCHEMA, where);
			validateTranscript(request.transcript, where);
			for (const key of [
				'duration',
				'totalDurationSeconds',
				'botDurationSeconds',
				'queueDurationSeconds',
				'humanDurationSeconds',
			]) {
				if (request[key] !== undefined && (request[key] as number) < 0)
					throw new HttpError(400, `${where}: ${key} must be >= 0`, 'invalid_duration');
			}
			const ticket = findCallTicket(state, request, where);
			addTranscript(state, ticket.id, request.transcript);
			ticket.callMetrics = {
				totalDurationSeconds: request.totalDurationSeconds ?? request.duration ?? null,
				botDurationSeconds: request.botDurationSeconds ?? null,
				queueDurationSeconds: request.queueDurationSeconds ?? null,
				humanDurationSeconds: request.humanDurationSeconds ?? null,
			};
			for (const entry of state.queue.values()) {
				if (entry.ticketId === ticket.id)
					Object.assign(entry, {
						status: 'completed',
						completedAt: sqlDate(),
						updatedAt: sqlDate(),
					});
			}
			emitEvent(state, {
				type: 'callCompleted',
				ticketId: ticket.id,
				userId: (ticket.agentId as number | null) ?? null,
				data: {
					channelId: ticket.channelId ?? null,
					...(ticket.callMetrics as Record<string, unknown>),
				},
			});
			return { success: true };
		},

		'/telephony/getRouting': ({ state, query }) => {
			const where = 'GET /telephony/getRouting';
			// The contract (ticketId required; no channelId or queueId) was checked before this route.
			const force = queryFlag(query.forceReEvaluation, 'forceReEvaluation') ?? false;
			queryFlag(query.cleanState, 'cleanState');
			const ticketId = queryInt(query.ticketId, 'ticketId', 1) as number;
			findTicket(state, ticketId);
			const entry = [...state.queue.values()].find((e) => e.ticketId === ticketId);
			if (!entry)
				throw new HttpError(404, `${where}: no queue entry for this call`, 'queue_entry_not_found');
			if (force && entry.status === 'waitingForAgent') entry.updatedAt = sqlDate();
			return entry;
		},
	};

	router.get('/telephony/routingAvailability', ({ state, query }) => {
		const userId = queryInt(query.userId, 'userId', 1);
		if (userId !== undefined && !state.profiles.has(userId))
			throw new HttpError(404, `User ${userId} not found`, 'profile_not_found');
		const tickets = [...state.tickets.values()];
		// Response shape is undocumented (docs/enneo-api-notes.md#undocumented-responses); this stand-in is invented.
		const users = [...state.profiles.values()]
			.filter((p) => userId === undefined || p.id === userId)
			.map((p) => ({
				id: p.id,
				callRoutingStatus: p.id === 7 ? 'idle' : 'offline',
				chatRoutingStatus: 'offline',
				skills: { tagIds: [1], channels: ['phone', 'email'] },
				currentTicketIds: tickets
					.filter((t) => t.channel === 'phone' && t.agentId === p.id && t.status === 'open')
					.map((t) => t.id),
				queuedTicketIds: [],
			}));
		return { success: true, users };
	});
}
