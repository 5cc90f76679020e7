import type { IHookFunctions } from 'n8n-workflow';

import { EnneoTrigger } from '../../../nodes/EnneoTrigger/EnneoTrigger.node';

/** n8n's hook context at publishing (or start-up) time, with the nodes after the trigger. */
function hook(
	children: Array<Record<string, unknown>>,
	parameters: Record<string, unknown> = {},
	activation = 'activate',
) {
	const warnings: string[] = [];
	const context = {
		getNode: () => ({ name: 'Enneo Trigger', parameters }),
		getNodeParameter: (name: string, fallback: unknown) =>
			name in parameters ? parameters[name] : fallback,
		getChildNodes: (_name: string, options?: { includeNodeParameters?: boolean }) =>
			children.map((child) => ({
				typeVersion: 1,
				disabled: false,
				...child,
				parameters: options?.includeNodeParameters ? child.parameters : undefined,
			})),
		getActivationMode: () => activation,
		getTimezone: () => 'UTC',
		logger: { warn: (message: string) => warnings.push(message) },
	} as unknown as IHookFunctions;
	return { context, warnings };
}

const create = (context: IHookFunctions) =>
	new EnneoTrigger().webhookMethods.default.create.call(context);

const respondNode = (name: string, parameters: Record<string, unknown>) => ({
	name,
	type: 'n8n-nodes-enneo.enneo',
	parameters: { resource: 'inboundCall', operation: 'respond', ...parameters },
});

describe('Enneo Trigger: publishing refuses workflows that cannot answer a call', () => {
	test("n8n's Respond to Webhook after the trigger is refused, naming the node to use instead", async () => {
		const { context } = hook([
			{ name: 'Customer', type: 'n8n-nodes-enneo.enneo', parameters: { resource: 'customer' } },
			{ name: 'Respond to Webhook', type: 'n8n-nodes-base.respondToWebhook', parameters: {} },
		]);
		await expect(create(context)).rejects.toThrow(
			`"Respond to Webhook" is n8n's Respond to Webhook, which cannot answer the Enneo Trigger: use the Enneo node's Inbound Call → Respond instead`,
		);
	});

	test.each([
		[
			'AI Agent ID left at its default',
			{ routing: 'aiAgent' },
			'"VIP" (Inbound Call → Respond): "AI Agent ID" must be',
		],
		['AI Agent ID 0', { routing: 'aiAgent', aiAgentId: 0 }, '"AI Agent ID" must be'],
		[
			'IVR ID -3',
			{ routing: 'ivr', ivrId: -3 },
			'"VIP" (Inbound Call → Respond): "IVR ID" must be',
		],
	])('a Respond with %s is refused', async (_name, parameters, message) => {
		const { context } = hook([respondNode('VIP', parameters)]);
		await expect(create(context)).rejects.toThrow(message);
	});

	test.each([
		['an AI agent ID', { routing: 'aiAgent', aiAgentId: 388 }],
		['an expression', { routing: 'aiAgent', aiAgentId: '={{ $json.agent }}' }],
		['Keep Default Routing', {}],
		['Hang Up', { routing: 'hangUp' }],
	])('a Respond with %s passes', async (_name, parameters) => {
		const { context } = hook([respondNode('VIP', parameters)]);
		await expect(create(context)).resolves.toBe(true);
	});

	test('a disabled Respond to Webhook does not count', async () => {
		const { context } = hook([
			{ name: 'Old', type: 'n8n-nodes-base.respondToWebhook', disabled: true, parameters: {} },
		]);
		await expect(create(context)).resolves.toBe(true);
	});

	test.each([
		[{ fallbackRouting: 'aiAgent' }, '"Fallback AI Agent ID" must be'],
		[{ fallbackRouting: 'ivr', fallbackIvrId: 0 }, '"Fallback IVR ID" must be'],
		[{ options: { expectedSdkAppId: 'abc' } }, '"Expected SdkAppId" must be'],
		[
			{ options: { dialledNumbers: '+49 30 123, x' } },
			'"Dialled Numbers": "x" is not a phone number',
		],
	])("the trigger's own %j is refused", async (parameters, message) => {
		await expect(create(hook([], parameters).context)).rejects.toThrow(message);
	});

	test('several problems: the first is the message, the others are in the description', async () => {
		const { context } = hook(
			[{ name: 'Respond to Webhook', type: 'n8n-nodes-base.respondToWebhook', parameters: {} }],
			{ fallbackRouting: 'ivr' },
		);
		const error = (await create(context).catch((e: unknown) => e)) as {
			message: string;
			description: string;
		};
		expect(error.message).toContain('Respond to Webhook');
		expect(error.description).toContain('"Fallback IVR ID" must be');
	});

	test.each(['init', 'leadershipChange'])(
		'when n8n starts (%s) a workflow published before stays active, with a warning in the log',
		async (activation) => {
			const { context, warnings } = hook(
				[{ name: 'Respond to Webhook', type: 'n8n-nodes-base.respondToWebhook', parameters: {} }],
				{},
				activation,
			);
			await expect(create(context)).resolves.toBe(true);
			expect(warnings.join('\n')).toContain('Respond to Webhook');
		},
	);
});
