import type { IDataObject } from 'n8n-workflow';

/** The fields of the "Enneo API" credential. */
export interface EnneoCredentials {
	instanceUrl: string;
	apiKey: string;
}

export type TicketStatus = 'open' | 'pending' | 'closed';
export type TicketPriority = 'low' | 'medium' | 'high' | 'urgent';
export type TicketChannel = 'email' | 'portal' | 'phone' | 'letter' | 'system' | 'chat' | 'walkIn';
export type TicketDirection = 'in' | 'out' | 'internal';
export type AiSupportLevel = 'unprocessed' | 'human' | 'bot' | 'automated';

export interface EnneoTag extends IDataObject {
	id: number;
	name: string;
	fullName?: string;
	color?: string;
	type?: string;
	visibility?: string;
	parent?: number | null;
}

/** A ticket as GET /ticket/{id} and the search rows return it (search rows are compact). */
export interface EnneoTicket extends IDataObject {
	id: number;
	status?: TicketStatus;
	priority?: TicketPriority;
	channel?: TicketChannel;
	direction?: TicketDirection;
	subject?: string;
	summary?: string;
	from?: string | null;
	fromName?: string | null;
	agentId?: number | null;
	customerId?: string | null;
	contractId?: string | null;
	aiSupportLevel?: AiSupportLevel;
	sentiment?: string;
	dueBy?: string | null;
	createdAt?: string;
	modifiedAt?: string | null;
	tags?: EnneoTag[];
	tagIds?: number[];
	externalTicketId?: string | null;
}

export interface EnneoConversation extends IDataObject {
	id: number;
	ticketId: number;
	type?: string;
	direction?: TicketDirection;
	private?: boolean;
	isDraft?: boolean;
}

export interface TranscriptEntry extends IDataObject {
	speaker: string;
	message: string;
	/** ISO 8601; absent when the source gave none. */
	timestamp?: string;
}
