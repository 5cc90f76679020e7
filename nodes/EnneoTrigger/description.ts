import type { INodeProperties } from 'n8n-workflow';

import { clampNumber } from '../values/values';
import { rulesOptions, rulesProperties } from './rules/rulesFields';
import { optionsCollection } from '../fields/collections';
import { answerFields, FALLBACK_ANSWER } from '../inboundCall/answerFields';

export const CREDENTIAL_NAME = 'enneoInboundCallWebhookApi';

/** Default answer deadline: the platform waits 5 s; 1.5 s stay for network and n8n's own work. */
export const DEFAULT_DEADLINE_MS = 3500;

/** The range the editor allows; an expression may yield anything, so run time clamps to it too. */
// The upper end leaves 500 ms for the network and for n8n's own work before the trigger sees the request.
export const DEADLINE_RANGE_MS = { min: 100, max: 4500 };

/** The answer deadline in ms, whatever the parameter (or its expression) yields: clamped, non-numbers → default. */
export function readDeadline(value: unknown): number {
	return clampNumber(value, DEFAULT_DEADLINE_MS, DEADLINE_RANGE_MS.min, DEADLINE_RANGE_MS.max);
}

export const SAMPLE_CURL = `curl -X POST '<Webhook URL>?token=<secret>' -H 'Content-Type: application/json' -d '{"Event":"CallInBound","SessionId":"01bd935d-c45e-476a-9e5b-700e09494470","SdkAppId":1400692008,"CallInBound":{"AIAgentId":123,"IvrId":0,"Caller":"+8613066668888","Callee":"+8675566668888"}}'`;

/** What the node creator lists as the trigger's action ("On inbound call (routing request)"). */
const eventProperty: INodeProperties = {
	// n8n's node creator names a trigger's actions after the options of a property called Event.
	displayName: 'Event',
	name: 'event',
	type: 'options',
	noDataExpression: true,
	options: [
		{
			name: 'Inbound Call (Routing Request)',
			value: 'callInBound',
			action: 'On inbound call (routing request)',
			description:
				"Starts the workflow while the caller's phone rings: the telephony platform asks how to route the call (CallInBound) and waits up to 5 s for the answer",
		},
	],
	default: 'callInBound',
};

export const triggerProperties: INodeProperties[] = [
	eventProperty,
	{
		displayName:
			'Paste the Production URL into the telephony platform: Edit Number Settings → Inbound Settings → Inbound API Calls. With Query Token authentication append <code>?token=&lt;secret&gt;</code>. The platform waits 5 s for the answer, then retries.',
		name: 'setupNotice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Path',
		name: 'path',
		type: 'string',
		default: 'enneo-inbound-call',
		required: true,
		description: 'The last part of the webhook URL',
	},
	{
		displayName: 'Authentication',
		name: 'authentication',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'Basic Auth',
				value: 'basicAuth',
				description:
					'User and password in the URL (https://user:secret@host/…) or an Authorization header',
			},
			{
				name: 'Header Token',
				value: 'headerToken',
				description: 'A header carries the secret (for proxies that can add headers)',
			},
			{ name: 'None', value: 'none', description: 'Anyone who knows the URL can route calls' },
			{
				name: 'Query Token',
				value: 'queryToken',
				description: 'The callback URL carries the secret, e.g. …?token=SECRET',
			},
		],
		default: 'queryToken',
		description:
			'How the telephony platform proves the request comes from it. It signs nothing and sends no custom headers, so a secret in the URL is the usual choice.',
	},
	{
		displayName: 'Query Parameter Name',
		name: 'queryParameter',
		type: 'string',
		default: 'token',
		displayOptions: { show: { authentication: ['queryToken'] } },
		description: 'Name of the URL query parameter that carries the secret',
	},
	{
		displayName: 'Header Name',
		name: 'headerName',
		type: 'string',
		default: 'X-Webhook-Token',
		displayOptions: { show: { authentication: ['headerToken'] } },
		description:
			'Name of the header that carries the secret. For <code>Authorization</code> a leading <code>Bearer </code> is accepted.',
	},
	{
		displayName: 'Respond',
		name: 'responseMode',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: "Using 'Respond to Inbound Call' Action",
				value: 'action',
				description:
					'The Enneo node (Inbound Call → Respond) answers; the workflow can go on afterwards',
			},
			{
				name: 'When Last Node Finishes',
				value: 'lastNode',
				description:
					'The first item of the last node must be a CallInBound answer, e.g. {"CallInBound": {"OverrideAIAgentId": 388}}',
			},
			{
				name: 'Immediately',
				value: 'immediately',
				description:
					'Answer at once with the Fallback Answer; the workflow runs afterwards for side effects',
			},
			{
				name: 'Using Routing Rules',
				value: 'rules',
				description:
					'The trigger looks the caller up and answers by its rules before any run (fastest); the workflow runs afterwards',
			},
		],
		default: 'action',
	},
	...rulesProperties,
	{
		displayName: 'Answer Deadline (Milliseconds)',
		name: 'answerDeadlineMs',
		type: 'number',
		typeOptions: { minValue: DEADLINE_RANGE_MS.min, maxValue: DEADLINE_RANGE_MS.max },
		default: DEFAULT_DEADLINE_MS,
		description:
			'If the run is still going and has not answered this many milliseconds after the request arrived, the Fallback Answer is sent. A run that ends or fails without answering gets it at once. Keep it well under 5000: the platform retries after 5 s.',
	},
	...answerFields(FALLBACK_ANSWER),
	{
		displayName:
			'With Respond Immediately and a Hang Up fallback, every call is hung up at once. Choose another Fallback Answer unless that is what you want.',
		name: 'hangUpEveryCallNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { responseMode: ['immediately'], fallbackRouting: ['hangUp'] } },
	},
	optionsCollection([
		...rulesOptions,
		{
			displayName: 'Default Country Code',
			name: 'defaultCountryCode',
			type: 'string',
			default: '',
			placeholder: 'e.g. 49',
			description: 'Country code for callerE164/calleeE164 when a number arrives without one',
		},
		{
			displayName: 'Expected SdkAppId',
			name: 'expectedSdkAppId',
			type: 'string',
			default: '',
			placeholder: 'e.g. 1400692008',
			description:
				"Refuse calls (403, no run) whose SdkAppId is not your app's: its ID in the telephony platform's console. Empty accepts any.",
		},
		{
			displayName: 'Dialled Numbers (Callee)',
			name: 'dialledNumbers',
			type: 'string',
			default: '',
			placeholder: 'e.g. +8675566668888, +4930123456',
			description:
				'Comma-separated numbers of your lines; a call to another number is refused (403, no run). Compared digit by digit, +49… and 0049… alike. Empty accepts any.',
		},
		{
			displayName: 'IP Allowlist',
			name: 'ipAllowlist',
			type: 'string',
			default: '',
			placeholder: 'e.g. 203.0.113.0/24, 2001:db8::/32',
			description:
				"Comma-separated IP addresses or CIDR ranges (IPv4 and IPv6) allowed to call. Empty allows all. Behind a reverse proxy set N8N_PROXY_HOPS so n8n sees the caller's address.",
		},
	]),
];
