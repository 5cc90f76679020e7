import type { Router } from '../../http';
import { HttpError } from '../../http';
import type { FakeState, Row } from '../../state';
import { sqlDate } from '../../state';
import { findTicket, requirePermission } from './shared';

/** A ticket's attachments: delete one (they are added with the ticket, POST /ticket). */
export function registerTicketAttachmentRoutes(router: Router<FakeState>): void {
	router.delete('/ticket/:ticketId/attachment/:attachmentId', ({ state, params }) => {
		const ticket = findTicket(state, params.ticketId);
		requirePermission(state, 'updateTechnicalTicketFields', 'Deleting an attachment');
		const attachments = (ticket.attachments as Row[] | undefined) ?? [];
		const index = attachments.findIndex((a) => String(a.id) === params.attachmentId);
		if (index < 0)
			throw new HttpError(
				404,
				`Attachment ${params.attachmentId} not found on ticket ${ticket.id}`,
				'attachment_not_found',
			);
		attachments.splice(index, 1);
		ticket.modifiedAt = sqlDate();
		return { success: true };
	});
}
