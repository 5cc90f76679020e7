import type { Router } from '../../http';
import type { FakeState } from '../../state';
import { registerTicketActionRoutes } from './actions';
import { registerTicketAttachmentRoutes } from './attachments';
import { registerTicketBulkUpdateRoutes } from './bulkUpdate';
import { registerTicketByIdRoutes } from './byId';
import { registerTicketCreateRoutes } from './create';
import { registerTicketDetailRoutes } from './details';
import { registerTicketQueueRoutes } from './queue';
import { registerTicketSearchRoutes } from './search';

/**
 * Ticket routes (docs/enneo-api-notes.md), one file per group in this folder; helpers several
 * groups use are in shared.ts. A new route goes into its group's file and nothing else changes;
 * only a new group file is also added to this list, the one other place to touch.
 */
export function registerTicketRoutes(router: Router<FakeState>): void {
	registerTicketQueueRoutes(router);
	registerTicketCreateRoutes(router);
	registerTicketSearchRoutes(router);
	registerTicketBulkUpdateRoutes(router);
	registerTicketDetailRoutes(router);
	registerTicketActionRoutes(router);
	registerTicketAttachmentRoutes(router);
	// Last: the first matching route answers, and GET/PATCH/DELETE /ticket/:ticketId would
	// otherwise take fixed paths of the same shape (GET /ticket/stats is the queue group's).
	registerTicketByIdRoutes(router);
}
