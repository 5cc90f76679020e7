/**
 * Enneo's fixed values (ticket status, priority, channel, …) as n8n options: display name and the
 * value Enneo expects. Shared by the Enneo node and the Enneo Event Trigger.
 */
export const processModeOptions = [
	{ name: 'Batch (AI Runs Asynchronously)', value: 'batch' },
	{ name: 'Realtime (AI Runs Before Enneo Answers)', value: 'realtime' },
	{ name: 'None (No AI Processing Now)', value: 'false' },
];

export const statusOptions = [
	{ name: 'Open', value: 'open' },
	{ name: 'Pending', value: 'pending' },
	{ name: 'Closed', value: 'closed' },
];

export const priorityOptions = [
	{ name: 'Low', value: 'low' },
	{ name: 'Medium', value: 'medium' },
	{ name: 'High', value: 'high' },
	{ name: 'Urgent', value: 'urgent' },
];

export const channelOptions = [
	{ name: 'Chat', value: 'chat' },
	{ name: 'Email', value: 'email' },
	{ name: 'Letter', value: 'letter' },
	{ name: 'Phone', value: 'phone' },
	{ name: 'Portal', value: 'portal' },
	{ name: 'System', value: 'system' },
	{ name: 'Walk-In', value: 'walkIn' },
];

export const directionOptions = [
	{ name: 'Inbound', value: 'in' },
	{ name: 'Outbound', value: 'out' },
	{ name: 'Internal', value: 'internal' },
];

export const aiSupportLevelOptions = [
	{ name: 'Automated', value: 'automated' },
	{ name: 'Bot', value: 'bot' },
	{ name: 'Human', value: 'human' },
	{ name: 'Unprocessed', value: 'unprocessed' },
];

export const sentimentOptions = [
	{ name: 'Negative', value: 'negative' },
	{ name: 'Neutral', value: 'neutral' },
	{ name: 'Positive', value: 'positive' },
];

export const spamStatusOptions = [
	{ name: 'Mark as Spam (Closes the Ticket)', value: 'manual_spam' },
	{ name: 'Mark as Not Spam', value: 'manual_clean' },
];

/** Where a created ticket originates. */
export const interfaceOptions = [
	{ name: 'API', value: 'api' },
	{ name: 'Freshdesk', value: 'Freshdesk' },
	{ name: 'Internal', value: 'internal' },
];

/** The directions a reply can take. */
export const replyDirectionOptions = [
	{ name: 'Outbound (to Customer)', value: 'out' },
	{ name: 'Internal (Private Note)', value: 'internal' },
];

/** The directions of a call reported with Call Received. */
export const callDirectionOptions = [
	{ name: 'Inbound (Customer Calls In)', value: 'in' },
	{ name: 'Outbound (Agent or Voicebot Calls the Customer)', value: 'out' },
];

export const sortDirectionOptions = [
	{ name: 'Ascending', value: 'asc' },
	{ name: 'Descending', value: 'desc' },
];
