import type { Icon, ICredentialType, INodeProperties } from 'n8n-workflow';

/**
 * The secret a telephony platform must present when it calls the Enneo Trigger's webhook: a token
 * (URL query parameter or header) or a Basic Auth user/password. Kept in a credential so it is
 * encrypted at rest and never part of an exported workflow. Tested by the Enneo Trigger node
 * (`testedBy: 'checkWebhookSecret'`): there is no remote service to call.
 */
export class EnneoInboundCallWebhookApi implements ICredentialType {
	name = 'enneoInboundCallWebhookApi';

	displayName = 'Enneo Inbound Call Webhook API';

	icon: Icon = { light: 'file:enneo.svg', dark: 'file:enneo.dark.svg' };

	documentationUrl =
		'https://github.com/enneo-ai/n8n-nodes-enneo/blob/main/nodes/EnneoTrigger/README.md';

	properties: INodeProperties[] = [
		{
			displayName: 'Secret',
			name: 'secret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'The token (URL query parameter or header) or the Basic Auth password. Use at least 16 random characters, e.g. from <code>openssl rand -hex 24</code>. URL-safe characters only when it goes into the callback URL.',
		},
		{
			displayName: 'User',
			name: 'user',
			type: 'string',
			default: '',
			description:
				"Basic Auth user name. Only used when the trigger's Authentication is Basic Auth.",
		},
	];
}
