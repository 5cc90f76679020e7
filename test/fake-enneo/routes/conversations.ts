import type { Router } from '../http';
import type { FakeState } from '../state';

export function registerConversationRoutes(_router: Router<FakeState>): void {}
