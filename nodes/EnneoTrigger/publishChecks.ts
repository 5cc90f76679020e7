import type { IDataObject, NodeParameterValueType } from 'n8n-workflow';

import { FALLBACK_ANSWER, RESPOND_ANSWER, savedIdProblem } from '../inboundCall/answerFields';

/** What n8n tells a trigger about the nodes after it (IHookFunctions.getChildNodes). */
export interface ChildNode {
	name: string;
	type: string;
	disabled?: boolean;
	parameters?: IDataObject | Record<string, NodeParameterValueType>;
}

const RESPOND_TO_WEBHOOK = 'n8n-nodes-base.respondToWebhook';
const ENNEO_NODE_SUFFIX = '.enneo';

/** An Inbound Call → Respond whose answer can never be sent, with the field to fix. */
function respondProblem(node: ChildNode): string | undefined {
	const parameters = (node.parameters ?? {}) as IDataObject;
	if (parameters.resource !== 'inboundCall') return undefined;
	if ((parameters.operation ?? 'respond') !== 'respond') return undefined;
	const problem = savedIdProblem(RESPOND_ANSWER, parameters);
	return problem && `"${node.name}" (Inbound Call → Respond): ${problem}`;
}

/**
 * Mistakes in the nodes after the Enneo Trigger that make every call fail, found when the workflow
 * is published: n8n's Respond to Webhook (it answers only n8n's own Webhook node) and an Inbound
 * Call → Respond with an AI Agent ID or IVR ID that is missing or not above 0.
 */
export function workflowProblems(children: ChildNode[]): string[] {
	const problems: string[] = [];
	for (const node of children) {
		if (node.disabled) continue;
		if (node.type === RESPOND_TO_WEBHOOK) {
			problems.push(
				`"${node.name}" is n8n's Respond to Webhook, which cannot answer the Enneo Trigger: use the Enneo node's Inbound Call → Respond instead (search "Respond to inbound call")`,
			);
			continue;
		}
		if (node.type.endsWith(ENNEO_NODE_SUFFIX)) {
			const problem = respondProblem(node);
			if (problem) problems.push(problem);
		}
	}
	return problems;
}

/** The trigger's own Fallback AI Agent ID / Fallback IVR ID (as saved), when chosen and never valid. */
export function fallbackProblem(parameters: IDataObject): string | undefined {
	return savedIdProblem(FALLBACK_ANSWER, parameters);
}
