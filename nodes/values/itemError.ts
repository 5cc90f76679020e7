import type { INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/**
 * The one way the Enneo node reports bad input of an item: the message names the field and the
 * item the way n8n does ("… [item 2]"), the description says how to fix it.
 */
export function itemError(
	node: INode,
	message: string,
	itemIndex: number,
	fix?: string,
): NodeOperationError {
	return new NodeOperationError(node, `${message} [item ${itemIndex}]`, {
		itemIndex,
		...(fix !== undefined ? { description: fix } : {}),
	});
}
