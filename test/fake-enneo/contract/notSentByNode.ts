/**
 * Optional fields of Enneo's contract that the package deliberately never sends, per operation,
 * each with the reason. `npm run check:contract` reports them apart from gaps (optional fields the
 * node can send but no test sent; deprecated fields too), and fails when an entry is not an
 * optional field of its operation or when a test sent it after all (the entry is then wrong).
 *
 * Field names as check:contract writes them: `query.<name>` (without `[]`), `body.<name>`, and
 * `body[].<name>` for an element of an array body.
 */

/** The bulk element is a whole ticket object (docs/enneo-api-notes.md#bulk-update). */
const READ_ONLY =
	'describes the ticket in the example element (read-only); the fake also accepts it without applying it';
const MESSAGE = 'part of the message the ticket was received with; not changed after creation';
const ENNEO_STATE = "Enneo's own processing state of the ticket; the node offers no field for it";
const SINGLE_ONLY = 'offered by Update (PATCH /ticket/{id}) only, not by Update Many';
const WHOLE_LIST = 'the dropdown loads the whole list once (n8n filters it in the editor)';

export const NOT_SENT_BY_NODE: Record<string, Record<string, string>> = {
	'PATCH /ticket': {
		'body[].direction':
			"a ticket's direction cannot change (docs/enneo-api-notes.md#ticket-update)",
		'body[].from': MESSAGE,
		'body[].fromName': MESSAGE,
		'body[].replyRecipients': MESSAGE,
		'body[].channelId': MESSAGE,
		'body[].interface': MESSAGE,
		'body[].bodyPlain': MESSAGE,
		'body[].body': MESSAGE,
		'body[].externalTicketId': SINGLE_ONLY,
		'body[].additionalData': SINGLE_ONLY,
		'body[].spamStatus':
			"not in the bulk-update page's element: Update Many sends Spam Status per ticket with PATCH /ticket/{id}",
		'body[].assignedAgentIds': 'Update Many assigns one agent (Assigned Agent → agentId)',
		'body[].autoExecuteAt': ENNEO_STATE,
		'body[].isCustomerActive': ENNEO_STATE,
		'body[].partnerId': ENNEO_STATE,
		'body[].responderId': ENNEO_STATE,
		'body[].createdAt': READ_ONLY,
		'body[].modifiedAt': READ_ONLY,
		'body[].closedAt': READ_ONLY,
		'body[].customer': READ_ONLY,
		'body[].agent': READ_ONLY,
		'body[].assignedAgents': READ_ONLY,
		'body[].workedOnByIds': READ_ONLY,
		'body[].workedOnBy': READ_ONLY,
		'body[].attachments': READ_ONLY,
		'body[].template': READ_ONLY,
		'body[].agentSkillsMatch': READ_ONLY,
		'body[].bccEmails': 'deprecated; Update Many offers no BCC (a reply sets its own BCC)',
		'body[].replyCcEmails':
			'deprecated; the CC of a reply is set per reply (Conversation → Reply → CC)',
	},
	'GET /ticket/{ticketId}': {
		'query.refresh':
			'a hard re-sync with the connected systems on every read; Get offers ERP Cache Only instead',
	},
	'PATCH /ticket/{ticketId}': {
		'body.workedOnBy':
			"Enneo fills 'worked on by' itself when an agent opens the ticket (Get → Count as Agent Viewing)",
	},
	'POST /telephony/callCompleted': {
		'body.duration':
			'deprecated; the node sends totalDurationSeconds and the bot, queue and human durations',
	},
	'GET /telephony/getRouting': {
		'query.testQueueStatusResponse':
			'a testing switch: Enneo answers the chosen status instead of the real queue state',
	},
	'GET /tag': {
		'query.q': WHOLE_LIST,
		'query.includeDisabled': 'the tag dropdowns offer enabled tags only',
	},
	'GET /aiAgents': {
		'query.offset': 'the AI agent dropdown loads one page of the largest size (limit=1000)',
		'query.categoryFilter': WHOLE_LIST,
		'query.typeFilter': WHOLE_LIST,
		'query.q': WHOLE_LIST,
	},
	'GET /profiles': {
		'query.offset': 'the agent dropdown loads one page of 1000 (limit=1000)',
		'query.q': WHOLE_LIST,
		'query.userIds': WHOLE_LIST,
		'query.format': 'the dropdown reads names and e-mail from the default format',
		'query.teamIds': WHOLE_LIST,
		'query.tagIds': WHOLE_LIST,
		'query.channels': WHOLE_LIST,
		'query.roleId': WHOLE_LIST,
		'query.lastSeen': WHOLE_LIST,
	},
	'GET /settings/subchannel': {
		'query.id': 'the subchannel dropdowns list all subchannels, or those of one channel',
		'query.channel': 'deprecated; the node sends channels[]',
	},
};
