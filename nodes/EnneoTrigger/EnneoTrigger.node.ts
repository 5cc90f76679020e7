import type {
	ICredentialsDecrypted,
	ICredentialTestFunctions,
	IDataObject,
	IHookFunctions,
	INodeCredentialTestResult,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import {
	fromFunction,
	fromParameter,
	NodeConnectionTypes,
	NodeOperationError,
	webhookDescriptionFields,
} from 'n8n-workflow';

import { MIN_SECRET_LENGTH } from './webhook/webhookAuth';
import { readRulesSettings } from './rules/answerByRules';
import { SAMPLE_CURL, triggerProperties } from './description';
import { handleInboundCall } from './webhook/handleInboundCall';
import { readSenderChecks } from './webhook/senderChecks';
import type { ChildNode } from './publishChecks';
import { fallbackProblem, workflowProblems } from './publishChecks';

/**
 * Path and response mode come from the node's parameters. Declared with native resolvers where
 * n8n offers them (2.41+), so a ringing call's webhook phase needs no expression isolate;
 * older n8n versions get the same values as expression templates.
 * n8n's own end-of-run write goes through the trigger's guard (see handleInboundCall).
 */
const responseModeOf = (parameters: IDataObject) =>
	parameters.responseMode === 'lastNode' ? 'lastNode' : 'responseNode';
const webhookFields =
	typeof webhookDescriptionFields === 'function'
		? webhookDescriptionFields({
				path: fromParameter('path'),
				responseMode: fromFunction(responseModeOf),
			})
		: {
				path: '={{$parameter["path"]}}',
				responseMode:
					'={{($parameter["responseMode"] === "lastNode" ? "lastNode" : "responseNode")}}',
			};

/** n8n starting up (or a new leader in multi-main): the workflow was published before, only warn. */
const REACTIVATION = ['init', 'leadershipChange'];

/**
 * Mistakes that would make every call fail or misroute, refused when the workflow is published or
 * its test URL listens: n8n's Respond to Webhook after the trigger, a Respond or Fallback Answer
 * without a usable ID, misconfigured sender checks. A workflow that was published before only gets
 * a warning when n8n starts, so it keeps answering as it did.
 */
function checkBeforePublishing(context: IHookFunctions): void {
	const node = context.getNode();
	// getChildNodes exists in n8n 1.x and 2.x; a host without it skips the check of the nodes after.
	const children =
		typeof context.getChildNodes === 'function'
			? (context.getChildNodes(node.name, { includeNodeParameters: true }) as ChildNode[])
			: [];
	const problems = workflowProblems(children);
	const fallback = fallbackProblem(node.parameters);
	if (fallback) problems.push(fallback);
	const senders = readSenderChecks((context.getNodeParameter('options', {}) as IDataObject) ?? {});
	if (!senders.ok) problems.push(senders.message);
	if (!problems.length) return;
	if (REACTIVATION.includes(context.getActivationMode())) {
		context.logger.warn(`Enneo Trigger "${node.name}": ${problems.join('; ')}`);
		return;
	}
	throw new NodeOperationError(node, problems[0], {
		description:
			problems.length > 1
				? `Also: ${problems.slice(1).join('; ')}. Fix them, then publish the workflow again.`
				: 'Fix it, then publish the workflow again.',
	});
}

export class EnneoTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Enneo Trigger',
		name: 'enneoTrigger',
		icon: { light: 'file:enneoTrigger.svg', dark: 'file:enneoTrigger.dark.svg' },
		group: ['trigger'],
		// Same behaviour in both; n8n evaluates an expression (an isolate) on every request to a version 1 webhook node.
		version: [1, 2],
		defaultVersion: 2,
		subtitle: '={{ "Inbound call: " + $parameter["responseMode"] }}',
		// n8n's node creator merges this trigger and the Enneo node into one "Enneo" entry that shows
		// this description, under "What triggers this workflow?" and "What happens next?" alike.
		description:
			'Route inbound calls while they ring, and work with tickets, conversations and customers in Enneo',
		eventTriggerDescription: 'Waiting for a call from the telephony platform',
		activationMessage:
			"Calls to the Production URL now run this workflow. Paste it into the number's Inbound API Calls setting in the telephony platform.",
		// The editor's Docs link; it appends a query to codex links, which would break the section anchor.
		documentationUrl:
			'https://github.com/enneo-ai/n8n-nodes-enneo#enneo-trigger-inbound-call-routing',
		defaults: { name: 'Enneo Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{
				name: 'enneoInboundCallWebhookApi',
				required: true,
				testedBy: 'checkWebhookSecret',
				displayOptions: { show: { authentication: ['queryToken', 'headerToken', 'basicAuth'] } },
			},
			{
				// Routing rules look the caller up in Enneo.
				name: 'enneoApi',
				required: true,
				displayOptions: { show: { responseMode: ['rules'], lookUpCaller: [true] } },
			},
		],
		webhooks: [
			{
				name: 'default',
				httpMethod: 'POST',
				responseData: 'firstEntryJson',
				...webhookFields,
			},
		],
		triggerPanel: {
			header: 'Waiting for a CallInBound request',
			executionsHelp: {
				inactive: `Test the trigger (Execute step; "Listen for test event" in n8n 1.x), then send a sample call to the Test URL:<br><code>${SAMPLE_CURL}</code><br>Once the workflow is published, calls to the Production URL run it automatically.`,
				active: `Calls to the Production URL run this workflow. To try it: <code>${SAMPLE_CURL}</code>`,
			},
			activationHint:
				"Publish the workflow and paste its Production URL into the number's Inbound API Calls setting.",
		},
		properties: triggerProperties,
	};

	methods = {
		credentialTest: {
			/** Nothing remote to call: checks the secret is long enough to resist guessing. */
			async checkWebhookSecret(
				this: ICredentialTestFunctions,
				credential: ICredentialsDecrypted,
			): Promise<INodeCredentialTestResult> {
				const secret = typeof credential.data?.secret === 'string' ? credential.data.secret : '';
				if (secret.length < MIN_SECRET_LENGTH)
					return {
						status: 'Error',
						message: `Use a secret of at least ${MIN_SECRET_LENGTH} characters`,
					};
				return { status: 'OK', message: 'The secret is set' };
			},
		},
	};

	// The platform's callback URL is entered by hand in its number settings: nothing to register.
	webhookMethods = {
		default: {
			// n8n calls create only when checkExists is false; nothing is registered outside n8n to find.
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return false;
			},
			/** Activation: broken routing rules stop it here, with the rule and field named, not at ring time. */
			async create(this: IHookFunctions): Promise<boolean> {
				checkBeforePublishing(this);
				if (this.getNodeParameter('responseMode', 'action') !== 'rules') return true;
				const read = readRulesSettings(
					(name, fallback) => this.getNodeParameter(name, fallback),
					{ boundAiAgentId: null, boundIvrId: null },
					this.getTimezone(),
				);
				if (!read.ok) {
					throw new NodeOperationError(this.getNode(), `Routing rules: ${read.message}`, {
						description: 'Fix the rule in the Enneo Trigger, then publish the workflow again.',
					});
				}
				return true;
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return true;
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await handleInboundCall(this);
	}
}
