import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { itemError } from '../../../values/itemError';
import type { BoundRouting, BuiltAnswer } from '../../../inboundCall/answer';
import { AnswerRuleError, buildAnswer } from '../../../inboundCall/answer';
import {
	InboundCallRegistry,
	inboundCalls,
	RELAY_KIND_HEADER,
} from '../../../inboundCall/inboundCalls';
import { beforeVersion, fromVersion } from '../../../fields/versions';
import { optionsCollection } from '../../../fields/collections';
import { answerFields, readAnswerChoice, RESPOND_ANSWER } from '../../../inboundCall/answerFields';

const TRIGGER_TYPE_SUFFIX = '.enneoTrigger';

export const properties: INodeProperties[] = [
	{
		displayName:
			"Answers the ringing call that started this workflow (Enneo Trigger with Respond set to \"Using 'Respond to Inbound Call' Action\"). The workflow goes on after answering. An answer after the trigger's deadline is dropped: the caller already got the fallback.",
		name: 'respondNotice',
		type: 'notice',
		default: '',
	},
	...answerFields(RESPOND_ANSWER, {}, fromVersion(2)),
	{
		// Version 1 listed Enneo's AI agents here; the IDs the platform reads are its own (version 2).
		displayName: 'AI Agent Name or ID',
		name: 'aiAgentId',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getAiAgents' },
		default: '',
		required: true,
		displayOptions: { show: { routing: ['aiAgent'], ...beforeVersion(2) } },
		description:
			'The AI agent that takes the call (OverrideAIAgentId). Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},
	optionsCollection([
		{
			displayName: 'Session ID',
			name: 'sessionId',
			type: 'string',
			default: '',
			description:
				'The call to answer. Leave empty to answer the call of the Enneo Trigger that started this workflow.',
		},
	]),
];

/** The Enneo Trigger output of this run, found among this node's parents. */
function triggerOutput(this: IExecuteFunctions, itemIndex: number): IDataObject | undefined {
	const triggers = this.getParentNodes(this.getNode().name).filter(
		(node) => node.type.endsWith(TRIGGER_TYPE_SUFFIX) && !node.disabled,
	);
	for (const trigger of triggers) {
		try {
			// The data proxy reads the run data in-process; an expression would go through n8n's isolate.
			const proxy = this.getWorkflowDataProxy(itemIndex) as {
				$?: (name: string) => { first(): { json: unknown } };
			};
			const json = proxy.$
				? proxy.$(trigger.name).first().json
				: this.evaluateExpression(
						`{{ $(${JSON.stringify(trigger.name)}).first().json }}`,
						itemIndex,
					);
			if (json && typeof json === 'object' && typeof (json as IDataObject).sessionId === 'string')
				return json as IDataObject;
		} catch {
			// A trigger on another branch did not run in this execution; try the next one.
			continue;
		}
	}
	return undefined;
}

function readBound(call: IDataObject | undefined): BoundRouting {
	const id = (value: unknown) => (typeof value === 'number' && value > 0 ? value : null);
	return { boundAiAgentId: id(call?.boundAiAgentId), boundIvrId: id(call?.boundIvrId) };
}

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const call = triggerOutput.call(this, itemIndex);
	const sessionId =
		String(options.sessionId ?? '').trim() ||
		(typeof call?.sessionId === 'string' ? call.sessionId : '');
	if (!sessionId) {
		throw itemError(
			this.getNode(),
			`No inbound call to answer`,
			itemIndex,
			'Start the workflow with an Enneo Trigger connected before this node, or set "Session ID" under Options.',
		);
	}
	const key = InboundCallRegistry.key(this.getWorkflow().id, this.getMode(), sessionId);
	const record = inboundCalls.get(key);

	let built: BuiltAnswer;
	try {
		built = buildAnswer(
			readAnswerChoice(RESPOND_ANSWER, (name, fallback) =>
				this.getNodeParameter(name, itemIndex, fallback),
			),
			record?.bound ?? readBound(call),
		);
	} catch (error) {
		if (!(error instanceof AnswerRuleError))
			throw new NodeOperationError(this.getNode(), error as Error, { itemIndex });
		throw new NodeOperationError(this.getNode(), `${error.message} [item ${itemIndex}]`, {
			itemIndex,
			description: error.hint,
		});
	}

	const summary: IDataObject = { sessionId, answer: built.body, routing: built.kind };
	if (built.note) summary.note = built.note;
	const outcome = inboundCalls.decide(key, built, 'workflow');
	// Always hand the answer to n8n as well. In queue mode the call is held by the webhook process,
	// not this worker: n8n relays the answer there. In one process the call is answered above, the
	// trigger's guard turns n8n's write into a no-op, and n8n is done with the request now rather
	// than when the run ends.
	await this.sendResponse({
		body: built.body,
		headers: { [RELAY_KIND_HEADER]: built.kind },
		statusCode: 200,
	});
	if (outcome.status === 'unknown-call') {
		summary.status = 'relayed';
	} else {
		summary.status = outcome.status;
		summary.elapsedMs = outcome.decision.at - outcome.record.firstReceivedAt;
		if (outcome.status !== 'sent') {
			summary.sentAnswer = outcome.decision.body;
			summary.answeredBy = outcome.decision.source;
			if (outcome.decision.reason) summary.fallbackReason = outcome.decision.reason;
		}
	}
	const input = this.getInputData()[itemIndex]?.json ?? {};
	return { ...input, inboundCallAnswer: summary };
}
