import type { Router } from '../http';
import type { FakeState } from '../state';

export function registerTelephonyRoutes(_router: Router<FakeState>): void {}
