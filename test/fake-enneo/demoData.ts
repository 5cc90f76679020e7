import type { FakeState, Row } from './state';
import { emptyState, sqlDate } from './state';

export interface DemoOptions {
	/** How many tickets to generate (default 60). */
	tickets?: number;
}

/** The VIP tag and agent every demo and template refers to. */
export const DEMO = {
	vipTagId: 2,
	vipAiAgentId: 388,
	defaultAiAgentId: 123,
	vipCustomerId: 83771,
	vipPhone: '+4915112345678',
	regularPhone: '+4930123456',
	phoneSubchannelId: 5,
	emailSubchannelId: 1,
	/** Email ticket carrying the demo conversation thread 5001 (received), 5002 (note), 5003 (draft). */
	threadTicketId: 376101,
};

const FIRST = ['Anna', 'Ben', 'Clara', 'David', 'Eva', 'Felix', 'Greta', 'Hannah', 'Jonas', 'Lena'];
const LAST = [
	'Schmidt',
	'Müller',
	'Weber',
	'Fischer',
	'Meyer',
	'Wagner',
	'Becker',
	'Hoffmann',
	'Koch',
	'Richter',
];
const SUBJECTS = [
	'Meter reading for March',
	'Question about my last invoice',
	'Change of bank details',
	'Moving to a new address',
	'Cancel my contract',
	'Monthly deposit too high',
	'Complaint about the hotline',
	'Where is my final bill?',
];

/** Deterministic demo data: tags (incl. VIP), agents, AI agents, subchannels, customers, tickets. */
export function demoState(options: DemoOptions = {}): FakeState {
	const state = emptyState();
	const put = (map: Map<number, Row>, row: Row) => map.set(row.id, row);

	put(state.tags, {
		id: 1,
		name: 'Billing',
		fullName: 'Billing',
		type: 'skill',
		reference: 'ticket',
		visibility: 'public',
		color: 'blue',
		parent: null,
	});
	put(state.tags, {
		id: DEMO.vipTagId,
		name: 'VIP',
		fullName: 'VIP',
		type: 'customerProperty',
		reference: 'customer',
		visibility: 'public',
		color: 'green',
		parent: null,
	});
	put(state.tags, {
		id: 3,
		name: 'Complaint',
		fullName: 'Second Level: Complaint',
		type: 'skill',
		reference: 'ticket',
		visibility: 'public',
		color: 'red',
		parent: 1,
	});
	put(state.tags, {
		id: 4,
		name: 'Escalated',
		fullName: 'Escalated',
		type: 'other',
		reference: 'ticket',
		visibility: 'public',
		color: 'orange',
		parent: null,
	});
	put(state.tags, {
		id: 5,
		name: 'Spam Review',
		fullName: 'Spam Review',
		type: 'other',
		reference: 'ticket',
		visibility: 'public',
		color: 'grey',
		parent: null,
	});

	put(state.profiles, {
		id: 1,
		firstName: 'Api',
		lastName: 'User',
		email: 'api@demo.enneo.ai',
		type: 'serviceWorker',
	});
	put(state.profiles, {
		id: 7,
		firstName: 'Tom',
		lastName: 'Agent',
		email: 'tom@demo.enneo.ai',
		type: 'enneo',
	});
	put(state.profiles, {
		id: 8,
		firstName: 'Sara',
		lastName: 'Lead',
		email: 'sara@demo.enneo.ai',
		type: 'enneo',
	});
	put(state.profiles, {
		id: 42,
		firstName: 'Vic',
		lastName: 'Premium',
		email: 'vip-desk@demo.enneo.ai',
		type: 'enneo',
	});

	put(state.aiAgents, {
		id: DEMO.defaultAiAgentId,
		name: 'Default Voice Agent',
		tagId: 1,
		channels: ['phone'],
	});
	put(state.aiAgents, {
		id: DEMO.vipAiAgentId,
		name: 'VIP Concierge',
		tagId: DEMO.vipTagId,
		channels: ['phone', 'chat'],
	});
	put(state.aiAgents, { id: 456, name: 'Meter Reading Bot', tagId: 1, channels: ['all'] });

	put(state.subchannels, {
		id: DEMO.emailSubchannelId,
		channel: 'email',
		name: 'Support',
		isDefault: true,
		interface: 'internal',
		enabled: true,
		data: {},
	});
	put(state.subchannels, {
		id: 2,
		channel: 'chat',
		name: 'Website Chat',
		isDefault: false,
		interface: 'internal',
		enabled: true,
		data: {},
	});
	put(state.subchannels, {
		id: DEMO.phoneSubchannelId,
		channel: 'phone',
		name: 'Hotline +49 30 1234 5600',
		isDefault: true,
		interface: 'internal',
		enabled: true,
		data: {},
	});

	const vipTag = { id: DEMO.vipTagId, color: 'green', name: 'VIP' };
	put(state.customers, {
		id: DEMO.vipCustomerId,
		firstname: 'Victoria',
		lastname: 'Sterling',
		company: null,
		business: false,
		email: 'victoria.sterling@example.com',
		// Stored as Enneo stores customer phones: digits, no "+" (docs/enneo-api-notes.md#phones).
		phone: Number(DEMO.vipPhone.slice(1)),
		address: 'Eppendorfer Landstr. 32, 20249 Hamburg',
		tags: [vipTag],
		contractIds: [746839],
		additionalData: {},
	});
	put(state.customers, {
		id: 83772,
		firstname: 'Max',
		lastname: 'Mustermann',
		company: null,
		business: false,
		email: 'max@example.com',
		phone: Number(DEMO.regularPhone.slice(1)),
		address: 'Hauptstr. 1, 10115 Berlin',
		tags: [],
		contractIds: [746840],
		additionalData: {},
	});
	for (let i = 0; i < 10; i++) {
		put(state.customers, {
			id: 84000 + i,
			firstname: FIRST[i],
			lastname: LAST[i],
			company: i % 4 === 0 ? `${LAST[i]} GmbH` : null,
			business: i % 4 === 0,
			email: `${FIRST[i].toLowerCase()}.${LAST[i].toLowerCase()}@example.com`,
			phone: 4915200000000 + i,
			address: `Beispielweg ${i + 1}, 20095 Hamburg`,
			tags: i === 3 ? [vipTag] : [],
			contractIds: [750000 + i],
			additionalData: {},
		});
	}
	for (const customer of state.customers.values()) {
		for (const contractId of customer.contractIds as number[]) {
			put(state.contracts, {
				id: contractId,
				customerId: customer.id,
				status: 'active',
				energy: 'electricity',
				firstname: customer.firstname,
				lastname: customer.lastname,
				email: customer.email,
				phone: customer.phone,
				deliveryAddress: customer.address,
				productName: 'Green Power 12',
				monthlyDeposit: 89,
				signupDate: 1672531200,
				startDate: 1675209600,
				endDate: null,
			});
		}
	}

	const customers = [...state.customers.values()];
	const count = options.tickets ?? 60;
	const base = Date.UTC(2026, 9, 1, 8, 0, 0);
	for (let i = 0; i < count; i++) {
		const customer = customers[i % customers.length];
		const id = 376100 + i;
		const created = new Date(base + i * 3_600_000);
		put(state.tickets, {
			id,
			direction: 'in',
			channel: i % 5 === 0 ? 'phone' : i % 7 === 0 ? 'chat' : 'email',
			status: i % 6 === 0 ? 'closed' : 'open',
			priority: (['low', 'medium', 'high', 'urgent'] as const)[i % 4],
			sentiment: (['positive', 'neutral', 'negative'] as const)[i % 3],
			aiSupportLevel: i % 3 === 0 ? 'automated' : 'human',
			subject: SUBJECTS[i % SUBJECTS.length],
			summary: `${SUBJECTS[i % SUBJECTS.length]} (${String(customer.firstname)} ${String(customer.lastname)})`,
			body: `<p>Hello, ${SUBJECTS[i % SUBJECTS.length].toLowerCase()}.</p>`,
			bodyPlain: `Hello, ${SUBJECTS[i % SUBJECTS.length].toLowerCase()}.`,
			from: String(customer.email),
			fromName: `${String(customer.firstname)} ${String(customer.lastname)}`,
			to: ['service@energy.example'],
			subchannelId: DEMO.emailSubchannelId,
			agentId: i % 4 === 0 ? null : 7,
			customerId: String(customer.id),
			contractId: String((customer.contractIds as number[])[0]),
			tagIds: i % 8 === 0 ? [1, 3] : [1],
			externalTicketId: i % 10 === 0 ? `ext-${id}` : null,
			createdAt: sqlDate(created),
			modifiedAt: sqlDate(created),
			dueBy: sqlDate(new Date(created.getTime() + 48 * 3_600_000)),
			firstResponseDueBy: sqlDate(new Date(created.getTime() + 4 * 3_600_000)),
			closedAt: null,
			spamStatus: i === count - 1 ? 'auto_spam' : null,
			customerLegitimation: 20,
			attachments: [],
			additionalData: {},
		});
	}
	state.nextId.ticket = 376100 + count + 100;

	// A short thread on the first email ticket: customer mail, internal note, unsent draft.
	const threadTicket = state.tickets.get(DEMO.threadTicketId);
	if (threadTicket) {
		const at = Math.floor(base / 1000) + 3600;
		const message = (id: number, fields: Record<string, unknown>) =>
			put(state.conversations, {
				ticketId: DEMO.threadTicketId,
				type: 'html',
				isDraft: false,
				private: false,
				toEmail: [],
				ccEmails: [],
				intentIds: [],
				attachments: [],
				createdAt: at + id - 5001,
				modifiedAt: at + id - 5001,
				deletedAt: null,
				...fields,
				id,
			});
		message(5001, {
			direction: 'in',
			fromEmail: threadTicket.from,
			fromEmailName: threadTicket.fromName,
			agentId: null,
			sender: null,
			body: threadTicket.body,
			bodyPlain: threadTicket.bodyPlain,
			content: { message: threadTicket.bodyPlain },
			rawData: { source: 'imap' },
		});
		message(5002, {
			direction: 'internal',
			type: 'note',
			private: true,
			agentId: 7,
			sender: { id: 7, name: 'Tom Agent', email: 'tom@demo.enneo.ai' },
			body: 'Customer called as well, see phone ticket.',
			bodyPlain: 'Customer called as well, see phone ticket.',
			content: { message: 'Customer called as well, see phone ticket.' },
		});
		message(5003, {
			direction: 'out',
			isDraft: true,
			agentId: 7,
			sender: { id: 7, name: 'Tom Agent', email: 'tom@demo.enneo.ai' },
			toEmail: [threadTicket.from],
			body: '<p>Thank you, we have updated your meter reading.</p>',
			bodyPlain: 'Thank you, we have updated your meter reading.',
			content: { message: 'Thank you, we have updated your meter reading.' },
		});
		state.nextId.conversation = 5100;
	}
	return state;
}
