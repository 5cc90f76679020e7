// Longer than most files on purpose: the whole CallInBound request path (checks, answer modes,
// deadline fallback, the guarded response) reads top to bottom in one place.
import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import type { BuiltAnswer } from '../../inboundCall/answer';
import {
	AnswerRuleError,
	buildAnswer,
	checkAnswerBody,
	keepDefaultAnswer,
} from '../../inboundCall/answer';
import type { CallInBoundRequest } from './callEvent';
import { callItem, parseCallInBound } from './callEvent';
import { failedSenderCheck, readSenderChecks } from './senderChecks';
import type { InterceptedWrite } from './guardedResponse';
import { GuardedResponse } from './guardedResponse';
import type { CallDecision, CallRecord } from '../../inboundCall/inboundCalls';
import {
	InboundCallRegistry,
	inboundCalls,
	RELAY_KIND_HEADER,
} from '../../inboundCall/inboundCalls';
import { isIpAllowed, parseAllowlist } from './ipAllowlist';
import type { WebhookAuthMode } from './webhookAuth';
import { checkWebhookAuth } from './webhookAuth';
import { answerByRules } from '../rules/answerByRules';
import { FALLBACK_ANSWER, readAnswerChoice } from '../../inboundCall/answerFields';
import { CREDENTIAL_NAME, DEFAULT_DEADLINE_MS, readDeadline } from '../description';

type ResponseMode = 'action' | 'lastNode' | 'immediately' | 'rules';

const noExecution: IWebhookResponseData = { noWebhookResponse: true };

/** Tells whoever tries the webhook (curl, a load test) who decided the answer, and why a fallback. */
const ANSWERED_BY_HEADER = 'X-Enneo-Answered-By';

function answeredBy(decision: CallDecision): string {
	// Only the reason's code (e.g. "invalidAnswer" of "invalidAnswer: …"): header values are ASCII.
	const code = decision.reason
		?.split(':')[0]
		.replace(/[^A-Za-z]/g, '')
		.slice(0, 40);
	return code ? `${decision.source}; reason=${code}` : decision.source;
}

function reject(
	reply: GuardedResponse,
	status: number,
	code: string,
	message: string,
	headers: Record<string, string> = {},
): IWebhookResponseData {
	reply.send(status, { error: { code, message } }, headers);
	return noExecution;
}

/** The configured fallback; a misconfigured one degrades to Keep Default Routing, never to silence. */
function fallbackAnswer(context: IWebhookFunctions, bound: CallRecord['bound']): BuiltAnswer {
	try {
		return buildAnswer(
			readAnswerChoice(FALLBACK_ANSWER, (name, fallback) =>
				context.getNodeParameter(name, fallback),
			),
			bound,
		);
	} catch (error) {
		const field = error instanceof AnswerRuleError ? error.field : FALLBACK_ANSWER.labels.routing;
		context.logger.warn(
			`Enneo Trigger: fallback "${field}" is invalid (${(error as Error).message}); using Keep Default Routing`,
		);
		return keepDefaultAnswer(bound);
	}
}

/** What the log says when a run is over without an answer: the reason and the fix. */
const RUN_ENDED_HINTS: Record<string, string> = {
	workflowFinishedWithoutAnswer:
		'the run ended without an Inbound Call → Respond (e.g. a node returned no items, so the nodes after it did not run; n8n 1.x in one process reports a failed run the same way); give every branch a Respond, or turn on "Always Output Data" on the node that can return nothing',
	workflowError:
		'the run failed before an Inbound Call → Respond answered; open the execution to see the error',
};

/**
 * Turns what n8n wanted to write into a decision. n8n writes to a held webhook response once: with
 * the answer a node handed it (sendResponse: the Respond action in one process, or its answer
 * relayed from a queue-mode worker), the last node's output (When Last Node Finishes), or, when the
 * run is over without either, an empty body (success) or an error. In that last case the run can
 * no longer answer, so the fallback goes out at once rather than at the deadline.
 */
function decideFromN8nWrite(
	context: IWebhookFunctions,
	key: string,
	mode: ResponseMode,
	write: InterceptedWrite,
	fallback: BuiltAnswer,
): void {
	const record = inboundCalls.get(key);
	if (!record || record.decision) return;
	const relayedKind = write.headers[RELAY_KIND_HEADER];
	const success = write.statusCode >= 200 && write.statusCode < 300;
	if (success && (mode === 'lastNode' || relayedKind)) {
		const checked = checkAnswerBody(write.body, relayedKind === 'hangUp');
		if (checked.ok) {
			inboundCalls.decide(key, checked.answer, relayedKind ? 'workflow' : 'lastNode');
			return;
		}
		inboundCalls.decide(key, fallback, 'fallback', `invalidAnswer: ${checked.reason}`);
		context.logger.warn(
			`Enneo Trigger: call ${record.sessionId} got the Fallback Answer: the workflow's answer is invalid (${checked.reason})`,
		);
		return;
	}
	const reason = success ? 'workflowFinishedWithoutAnswer' : 'workflowError';
	const taken = inboundCalls.decide(key, fallback, 'fallback', reason);
	if (taken.status === 'sent')
		context.logger.warn(
			`Enneo Trigger: call ${record.sessionId} got the Fallback Answer ${Date.now() - record.firstReceivedAt} ms after it arrived: ${RUN_ENDED_HINTS[reason]}`,
		);
}

async function authenticate(
	context: IWebhookFunctions,
	reply: GuardedResponse,
): Promise<IWebhookResponseData | undefined> {
	const request = context.getRequestObject();
	const options = context.getNodeParameter('options', {}) as IDataObject;
	const allowlist = typeof options.ipAllowlist === 'string' ? options.ipAllowlist.trim() : '';
	if (allowlist) {
		let ranges;
		try {
			ranges = parseAllowlist(allowlist);
		} catch (error) {
			context.logger.error(`Enneo Trigger: IP Allowlist is invalid: ${(error as Error).message}`);
			return reject(
				reply,
				500,
				'ipAllowlistInvalid',
				'The IP allowlist of this webhook is misconfigured',
			);
		}
		const address = request.ip ?? request.socket?.remoteAddress;
		if (!isIpAllowed(address, ranges)) {
			context.logger.info(
				`Enneo Trigger: refused a request from ${String(address).slice(0, 64)} (not in the IP allowlist)`,
			);
			return reject(
				reply,
				403,
				'ipNotAllowed',
				"The caller's address is not allowed to call this webhook",
			);
		}
	}
	const mode = context.getNodeParameter('authentication', 'queryToken') as WebhookAuthMode;
	if (mode === 'none') return undefined;
	let secret = '';
	let user = '';
	try {
		const credentials = await context.getCredentials(CREDENTIAL_NAME);
		secret = typeof credentials.secret === 'string' ? credentials.secret : '';
		user = typeof credentials.user === 'string' ? credentials.user : '';
	} catch (error) {
		context.logger.error(
			`Enneo Trigger: cannot read the webhook credential: ${(error as Error).message}`,
		);
	}
	const result = checkWebhookAuth(
		{
			mode,
			secret,
			user,
			queryParameter: context.getNodeParameter('queryParameter', 'token') as string,
			headerName: context.getNodeParameter('headerName', 'X-Webhook-Token') as string,
		},
		{
			query: context.getQueryData() as Record<string, unknown>,
			headers: context.getHeaderData() as Record<string, string | string[] | undefined>,
		},
	);
	if (result.ok) return undefined;
	if (result.status === 500) context.logger.error(`Enneo Trigger: ${result.message}`);
	return reject(
		reply,
		result.status,
		result.code,
		result.message,
		result.challenge ? { 'WWW-Authenticate': result.challenge } : {},
	);
}

/** Options → Expected SdkAppId and Dialled Numbers: a call that fails one gets 403 and no run. */
function checkSender(
	context: IWebhookFunctions,
	reply: GuardedResponse,
	call: CallInBoundRequest,
): IWebhookResponseData | undefined {
	const options = context.getNodeParameter('options', {}) as IDataObject;
	const read = readSenderChecks(options);
	if (!read.ok) {
		context.logger.error(`Enneo Trigger: ${read.message}`);
		return reject(
			reply,
			500,
			'senderChecksInvalid',
			'The sender checks of this webhook are misconfigured',
		);
	}
	const failed = failedSenderCheck(
		read.checks,
		call,
		typeof options.defaultCountryCode === 'string' ? options.defaultCountryCode : undefined,
	);
	if (!failed) return undefined;
	context.logger.info(
		`Enneo Trigger: refused call ${call.sessionId.slice(0, 64)}: its ${failed} is not the expected one`,
	);
	// One answer for every check: a prober learns nothing about which value is wrong.
	return reject(reply, 403, 'senderNotAllowed', 'This webhook does not accept the request');
}

/**
 * The Enneo Trigger's webhook: reject what is not ours (no execution), answer retries from the
 * call's decision (no execution), and start one execution per call with the deadline armed.
 */
export async function handleInboundCall(context: IWebhookFunctions): Promise<IWebhookResponseData> {
	const receivedAt = Date.now();
	const reply = new GuardedResponse(
		context.getResponseObject() as unknown as Record<string, unknown>,
	);
	let answerWithFallback: (() => void) | undefined;
	try {
		const denied = await authenticate(context, reply);
		if (denied) return denied;

		const request = context.getRequestObject() as {
			rawBody?: { toString(encoding?: string): string };
			readRawBody?: () => Promise<void>;
		};
		// From version 2 n8n reads only bodies it can parse (JSON, text, form, XML); JSON sent under another or no content type is read here.
		// A body n8n has already consumed (its multipart form parser) cannot be read again: judge what n8n parsed.
		if (request.rawBody === undefined && typeof request.readRawBody === 'function')
			await request.readRawBody().catch(() => undefined);
		const parsed = parseCallInBound(
			context.getBodyData(),
			request.rawBody ? request.rawBody.toString('utf8') : undefined,
		);
		if (!parsed.ok) return reject(reply, parsed.status, parsed.code, parsed.message);
		const call = parsed.call;
		const refused = checkSender(context, reply, call);
		if (refused) return refused;

		const responseMode = context.getNodeParameter('responseMode', 'action') as ResponseMode;
		const deadlineMs = readDeadline(
			context.getNodeParameter('answerDeadlineMs', DEFAULT_DEADLINE_MS),
		);
		const bound = { boundAiAgentId: call.boundAiAgentId, boundIvrId: call.boundIvrId };
		const fallback = fallbackAnswer(context, bound);
		const key = InboundCallRegistry.key(
			context.getWorkflow().id,
			context.getMode(),
			call.sessionId,
		);

		const { record, isNew } = inboundCalls.register(key, call.sessionId, bound);
		answerWithFallback = () => inboundCalls.decide(key, fallback, 'fallback', 'triggerError');
		// Every delivery of the call (first request and retries) gets the call's one decision.
		inboundCalls.onDecision(record, (decision) =>
			reply.send(200, decision.body, { [ANSWERED_BY_HEADER]: answeredBy(decision) }),
		);
		void inboundCalls.scheduleFallback(key, deadlineMs, fallback);
		if (!isNew) {
			context.logger.info(
				`Enneo Trigger: retry ${record.deliveries} of call ${call.sessionId} answered from the call's decision; no new execution`,
			);
			return noExecution;
		}

		const options = context.getNodeParameter('options', {}) as IDataObject;
		const itemFor = () =>
			callItem(call, {
				attempt: record.deliveries,
				receivedAt,
				deadlineAt: receivedAt + deadlineMs,
				responseMode,
				body: parsed.body,
				warnings: parsed.warnings,
				defaultCountryCode:
					typeof options.defaultCountryCode === 'string' ? options.defaultCountryCode : undefined,
			});
		if (responseMode === 'rules') {
			// Decided and answered here; the run that follows cannot delay the caller, so n8n may let go at once.
			const outcome = await answerByRules(context, {
				call,
				bound,
				fallback,
				deadlineAt: receivedAt + deadlineMs,
				options,
			});
			const taken = inboundCalls.decide(key, outcome.answer, outcome.source, outcome.reason);
			const sent =
				taken.status === 'sent'
					? undefined
					: { sentInstead: taken.status === 'unknown-call' ? null : taken.decision.body };
			// Routing only: no run, nothing for n8n to do after the answer.
			if (options.runAfterAnswer === false) return noExecution;
			return {
				workflowData: [[{ json: { ...itemFor(), ...outcome.output, ...sent } }]],
				noWebhookResponse: true,
			};
		}
		// n8n keeps the request open until the Respond action hands it the answer (sendResponse) or
		// the run ends, and writes what it gets through the guard. That write is how a queue-mode
		// worker's answer reaches this process: with noWebhookResponse n8n would drop it.
		reply.guard((write) => decideFromN8nWrite(context, key, responseMode, write, fallback));
		if (responseMode === 'immediately') inboundCalls.decide(key, fallback, 'immediate');
		const item = itemFor();
		return responseMode === 'immediately'
			? { workflowData: [[{ json: item }]], noWebhookResponse: true }
			: { workflowData: [[{ json: item }]] };
	} catch (error) {
		context.logger.error(
			`Enneo Trigger: could not handle the request: ${(error as Error).message}`,
		);
		if (answerWithFallback) {
			answerWithFallback();
			return noExecution;
		}
		return reject(reply, 500, 'internalError', 'The webhook could not process the call');
	}
}
