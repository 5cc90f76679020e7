import type { INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/**
 * The one way the Enneo nodes report bad input: the message names the field and the item the way
 * n8n does ("… [item 2]"), the description says how to fix it. Without an item (a trigger's
 * settings) the message has no item suffix. Under Continue On Fail the router turns it into the
 * item's output (continueOnFailItem in nodes/Enneo/actions/failedItem.ts).
 */
export function itemError(
	node: INode,
	message: string,
	itemIndex: number | undefined,
	fix?: string,
): NodeOperationError {
	if (itemIndex === undefined)
		return new NodeOperationError(node, message, fix !== undefined ? { description: fix } : {});
	return new NodeOperationError(node, `${message} [item ${itemIndex}]`, {
		itemIndex,
		...(fix !== undefined ? { description: fix } : {}),
	});
}
